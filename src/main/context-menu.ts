/**
 * The right-click menu, built from what Chromium reports about the click (`context-menu` event):
 * spelling suggestions in a field, Look Up on macOS, Cut/Copy/Paste, Copy Link Address for http(s)
 * links, Select All. Electron-free apart from types, so context-menu.test.ts covers each case.
 * @see https://www.electronjs.org/docs/latest/api/web-contents#event-context-menu
 * @see https://www.electronjs.org/docs/latest/tutorial/spellchecker
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { isExternalHttpUrl } from './url-policy';

/** The part of Electron's ContextMenuParams the menu depends on. */
export type ContextMenuInput = Pick<ContextMenuParams, 'linkURL' | 'selectionText' | 'isEditable' | 'misspelledWord' | 'dictionarySuggestions'> & {
  editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>;
};

export interface ContextMenuActions {
  copyText(text: string): void;
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
  /** macOS's dictionary panel for the selection. */
  lookUp(): void;
}

const MAX_SUGGESTIONS = 5;
const MAX_LOOK_UP_CHARS = 24;

/**
 * Selected text as a menu label: the selection is captured event data, so control and bidi
 * characters go, whitespace collapses, long text is cut, and `&` is doubled (Windows and Linux
 * read a single `&` as a mnemonic marker).
 */
export function menuLabelText(text: string): string {
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  const cut = [...plain].length > MAX_LOOK_UP_CHARS ? `${[...plain].slice(0, MAX_LOOK_UP_CHARS - 1).join('').trimEnd()}…` : plain;
  return cut.replace(/&/g, '&&');
}

function spellingItems(input: ContextMenuInput, actions: ContextMenuActions): MenuItemConstructorOptions[] {
  const word = input.misspelledWord;
  if (!input.isEditable || word === '') return [];
  const suggestions = input.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
  return [
    ...suggestions.map((suggestion): MenuItemConstructorOptions => ({
      label: suggestion.replace(/&/g, '&&'), click: () => actions.replaceMisspelling(suggestion),
    })),
    ...(suggestions.length === 0 ? [{ label: 'No Guesses Found', enabled: false }] : []),
    { label: 'Add to Dictionary', click: () => actions.addToDictionary(word) },
  ];
}

/** Drops leading, trailing and doubled separators left by empty groups. */
function joinGroups(groups: MenuItemConstructorOptions[][]): MenuItemConstructorOptions[] {
  return groups.filter((group) => group.length > 0).flatMap((group, index) => (index === 0 ? group : [{ type: 'separator' as const }, ...group]));
}

/** The items for one right-click; `platform` decides whether Look Up is offered (macOS only). */
export function buildContextMenuTemplate(input: ContextMenuInput, platform: NodeJS.Platform, actions: ContextMenuActions): MenuItemConstructorOptions[] {
  const selection = input.selectionText.trim();
  const lookUp: MenuItemConstructorOptions[] = platform === 'darwin' && selection !== ''
    ? [{ label: `Look Up “${menuLabelText(selection)}”`, click: () => actions.lookUp() }]
    : [];
  const link = input.linkURL;
  const linkItems: MenuItemConstructorOptions[] = isExternalHttpUrl(link)
    ? [{ label: 'Copy Link Address', click: () => actions.copyText(link) }]
    : [];
  const flags = input.editFlags;
  const editing: MenuItemConstructorOptions[] = input.isEditable
    ? [{ role: 'cut', enabled: flags.canCut }, { role: 'copy', enabled: flags.canCopy }, { role: 'paste', enabled: flags.canPaste }]
    : selection === '' ? [] : [{ role: 'copy' }];
  return joinGroups([
    spellingItems(input, actions),
    lookUp,
    editing,
    linkItems,
    [{ role: 'selectAll', enabled: flags.canSelectAll }],
  ]);
}
