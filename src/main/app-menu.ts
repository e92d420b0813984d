/**
 * The application menu, as a template built per platform. Electron-free apart from the template
 * type, so app-menu.test.ts checks every platform's menu on any machine; index.ts hands the result
 * to `Menu.buildFromTemplate`. Replaces Electron's default menu (whose Help menu links to
 * electronjs.org) with Lookout's: Settings, history moves, a Go menu to every top-level page.
 * Shortcuts follow each platform: ⌘, / ⌘[ / ⌘] on macOS (Apple HIG), Ctrl+, / Alt+Left / Alt+Right
 * elsewhere (as browsers).
 * @see https://www.electronjs.org/docs/latest/api/menu#main-process
 * @see https://developer.apple.com/design/human-interface-guidelines/the-menu-bar
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppPage, MenuCommand, NavigateTarget } from '../shared/ipc-contract';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development build: adds Force Reload and the developer tools. */
  isDev: boolean;
  /** Where "Report an Issue…" opens (package.json `bugs.url`); the item is left out without one. */
  reportIssueUrl?: string;
  /** The README shipped beside the app, when there is one to open. */
  hasReadme: boolean;
}

export interface AppMenuActions {
  navigate(target: NavigateTarget): void;
  command(command: MenuCommand): void;
  openExternal(url: string): void;
  openReadme(): void;
  copyVersionInfo(): void;
}

/** Sentry's SDK docs: what users of a local Sentry stand-in look up most. */
export const SENTRY_SDK_DOCS_URL = 'https://docs.sentry.io/platforms/';

/** The Go menu's pages with their number shortcuts, in the sidebar's order. */
const GO_PAGES: readonly { page: AppPage; label: string }[] = [
  { page: 'issues', label: 'Issues' },
  { page: 'traces', label: 'Traces' },
  { page: 'logs', label: 'Logs' },
  { page: 'replays', label: 'Replays' },
  { page: 'crons', label: 'Crons' },
  { page: 'releases', label: 'Releases' },
  { page: 'stats', label: 'Stats' },
];

const separator: MenuItemConstructorOptions = { type: 'separator' };

function settingsItem(actions: AppMenuActions): MenuItemConstructorOptions {
  return { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.navigate({ kind: 'settings' }) };
}

function macAppMenu(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions {
  return {
    label: options.appName,
    submenu: [
      { role: 'about', label: `About ${options.appName}` },
      separator,
      settingsItem(actions),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide', label: `Hide ${options.appName}` },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit', label: `Quit ${options.appName}` },
    ],
  };
}

function fileMenu(mac: boolean, actions: AppMenuActions): MenuItemConstructorOptions {
  const exportItem: MenuItemConstructorOptions = {
    label: 'Export Bug Report…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.command('export-bug-report'),
  };
  return {
    label: 'File',
    submenu: mac
      ? [exportItem, separator, { role: 'close', label: 'Close Window' }]
      : [exportItem, settingsItem(actions), separator, { role: 'close', label: 'Close Window' }, { role: 'quit', label: 'Quit' }],
  };
}

function editMenu(mac: boolean): MenuItemConstructorOptions {
  return {
    label: 'Edit',
    submenu: [
      { role: 'undo' }, { role: 'redo' }, separator,
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' }, separator, { role: 'selectAll' },
    ],
  };
}

function viewMenu(isDev: boolean): MenuItemConstructorOptions {
  const developer: MenuItemConstructorOptions[] = isDev ? [{ role: 'forceReload' }, { role: 'toggleDevTools' }] : [];
  return {
    label: 'View',
    submenu: [
      { role: 'reload' }, ...developer, separator,
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator,
      { role: 'togglefullscreen' },
    ],
  };
}

function goMenu(mac: boolean, actions: AppMenuActions): MenuItemConstructorOptions {
  return {
    label: 'Go',
    submenu: [
      { label: 'Back', accelerator: mac ? 'Cmd+[' : 'Alt+Left', click: () => actions.command('back') },
      { label: 'Forward', accelerator: mac ? 'Cmd+]' : 'Alt+Right', click: () => actions.command('forward') },
      separator,
      ...GO_PAGES.map(({ page, label }, index): MenuItemConstructorOptions => ({
        label, accelerator: `CmdOrCtrl+${index + 1}`, click: () => actions.navigate({ kind: page }),
      })),
      separator,
      // Its shortcut (⌘, / Ctrl+,) sits on the Settings… item of the app or File menu.
      { label: 'Settings', click: () => actions.navigate({ kind: 'settings' }) },
    ],
  };
}

function windowMenu(mac: boolean): MenuItemConstructorOptions {
  // On macOS the role fills in Minimize, Zoom, Bring All to Front and the window list.
  return mac ? { role: 'windowMenu' } : { label: 'Window', submenu: [{ role: 'minimize' }] };
}

function helpMenu(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions {
  const mac = options.platform === 'darwin';
  const report = options.reportIssueUrl;
  return {
    // The role gives macOS's Help menu its search field.
    role: 'help',
    submenu: [
      { label: 'Getting Started', click: () => actions.navigate({ kind: 'setup' }) },
      ...(options.hasReadme ? [{ label: `${options.appName} README`, click: () => actions.openReadme() }] : []),
      { label: 'Sentry SDK Documentation', click: () => actions.openExternal(SENTRY_SDK_DOCS_URL) },
      separator,
      { label: 'Copy Version Info', click: () => actions.copyVersionInfo() },
      ...(report === undefined ? [] : [{ label: 'Report an Issue…', click: () => actions.openExternal(report) }]),
      ...(mac ? [] : [separator, { role: 'about', label: `About ${options.appName}` } as const]),
    ],
  };
}

/** The menu bar for `options.platform`. */
export function buildAppMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  return [
    ...(mac ? [macAppMenu(options, actions)] : []),
    fileMenu(mac, actions),
    editMenu(mac),
    viewMenu(options.isDev),
    goMenu(mac, actions),
    windowMenu(mac),
    helpMenu(options, actions),
  ];
}

/**
 * The mouse's back/forward buttons and media keys, as Windows and Linux report them to the window
 * (`app-command`), mapped to the Go menu's commands; null for the others.
 * @see https://www.electronjs.org/docs/latest/api/browser-window#event-app-command-windows-linux
 */
export function menuCommandOfAppCommand(appCommand: string): MenuCommand | null {
  if (appCommand === 'browser-backward') return 'back';
  if (appCommand === 'browser-forward') return 'forward';
  return null;
}

/** "Report an Issue…"'s address: package.json's `bugs` (a URL or `{ url }`), when it is http(s). */
export function reportIssueUrlOf(packageJson: unknown): string | undefined {
  if (typeof packageJson !== 'object' || packageJson === null) return undefined;
  const bugs = (packageJson as { bugs?: unknown }).bugs;
  const url = typeof bugs === 'string' ? bugs : typeof bugs === 'object' && bugs !== null ? (bugs as { url?: unknown }).url : undefined;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
}

/** What "Copy Version Info" puts on the clipboard, for bug reports about Lookout itself. */
export function versionInfoText(info: {
  version: string; versions: Partial<Record<'electron' | 'chrome' | 'node', string>>; platform: string; arch: string; osRelease: string;
}): string {
  const { versions } = info;
  return [
    `Lookout ${info.version}`,
    `Electron ${versions.electron ?? '?'}, Chromium ${versions.chrome ?? '?'}, Node ${versions.node ?? '?'}`,
    `${info.platform} ${info.arch} ${info.osRelease}`,
  ].join('\n');
}
