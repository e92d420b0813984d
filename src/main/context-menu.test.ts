import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildContextMenuTemplate, menuLabelText, type ContextMenuInput } from './context-menu';

const NO_EDIT = { canCut: false, canCopy: false, canPaste: false, canSelectAll: true };
const BASE: ContextMenuInput = { linkURL: '', selectionText: '', isEditable: false, misspelledWord: '', dictionarySuggestions: [], editFlags: NO_EDIT };

function build(input: Partial<ContextMenuInput>, platform: NodeJS.Platform = 'linux') {
  const calls: string[] = [];
  const template = buildContextMenuTemplate({ ...BASE, ...input }, platform, {
    copyText: (text) => calls.push(`copy:${text}`),
    replaceMisspelling: (word) => calls.push(`replace:${word}`),
    addToDictionary: (word) => calls.push(`add:${word}`),
    lookUp: () => calls.push('lookUp'),
  });
  const names = template.map((item) => item.label ?? item.role ?? item.type);
  const click = (label: string): void => {
    const item = template.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`no clickable ${label}`);
    (item.click as () => void)();
  };
  return { template, names, calls, click };
}

const enabled = (template: MenuItemConstructorOptions[], role: string) => template.find((item) => item.role === role)?.enabled;

describe('buildContextMenuTemplate', () => {
  it('offers Select All on a plain click, and Copy once text is selected', () => {
    expect(build({}).names).toEqual(['selectAll']);
    expect(build({ selectionText: 'TypeError: x is undefined' }).names).toEqual(['copy', 'separator', 'selectAll']);
  });

  it('copies the address of http(s) links only', () => {
    const web = build({ linkURL: 'https://docs.sentry.io/platforms/' });
    expect(web.names).toEqual(['Copy Link Address', 'separator', 'selectAll']);
    web.click('Copy Link Address');
    expect(web.calls).toEqual(['copy:https://docs.sentry.io/platforms/']);
    for (const linkURL of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'not a url']) {
      expect(build({ linkURL }).names, linkURL).toEqual(['selectAll']);
    }
  });

  it('gives a field Cut / Copy / Paste, enabled as Chromium says', () => {
    const { template, names } = build({ isEditable: true, editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } });
    expect(names).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
    expect([enabled(template, 'cut'), enabled(template, 'copy'), enabled(template, 'paste')]).toEqual([false, false, true]);
  });

  it('puts spelling suggestions first in a field, and Add to Dictionary', () => {
    const field = build({ isEditable: true, misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'] });
    expect(field.names).toEqual(['receive', 'relieve', 'Add to Dictionary', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll']);
    field.click('receive');
    field.click('Add to Dictionary');
    expect(field.calls).toEqual(['replace:receive', 'add:recieve']);
    const none = build({ isEditable: true, misspelledWord: 'qzxv' });
    expect(none.template[0]).toEqual({ label: 'No Guesses Found', enabled: false });
    // A misspelling outside a field (Chromium reports none there) offers nothing to replace.
    expect(build({ misspelledWord: 'recieve', dictionarySuggestions: ['receive'] }).names).toEqual(['selectAll']);
  });

  it('offers Look Up for the selection on macOS only', () => {
    const mac = build({ selectionText: 'checkout' }, 'darwin');
    expect(mac.names).toEqual(['Look Up “checkout”', 'separator', 'copy', 'separator', 'selectAll']);
    mac.click('Look Up “checkout”');
    expect(mac.calls).toEqual(['lookUp']);
    expect(build({ selectionText: 'checkout' }, 'win32').names).not.toContain('Look Up “checkout”');
  });
});

describe('menuLabelText', () => {
  it('keeps selected event text from reordering or bloating the label', () => {
    expect(menuLabelText('  a\n\tb  ')).toBe('a b');
    expect(menuLabelText('abc\u202Efed\u2066x')).toBe('abc fed x');
    expect(menuLabelText('Tom & Jerry')).toBe('Tom && Jerry');
    expect(menuLabelText('x'.repeat(100))).toBe(`${'x'.repeat(23)}…`);
  });
});
