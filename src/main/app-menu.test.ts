import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand, NavigateTarget } from '../shared/ipc-contract';
import { buildAppMenuTemplate, menuCommandOfAppCommand, reportIssueUrlOf, SENTRY_SDK_DOCS_URL, versionInfoText, type AppMenuOptions } from './app-menu';

type Call = ['navigate', NavigateTarget] | ['command', MenuCommand] | ['openExternal', string] | ['openReadme'] | ['copyVersionInfo'];

function build(options: Partial<AppMenuOptions> & Pick<AppMenuOptions, 'platform'>) {
  const calls: Call[] = [];
  const template = buildAppMenuTemplate({ appName: 'Lookout', isDev: false, hasReadme: true, ...options }, {
    navigate: (target) => calls.push(['navigate', target]),
    command: (command) => calls.push(['command', command]),
    openExternal: (url) => calls.push(['openExternal', url]),
    openReadme: () => calls.push(['openReadme']),
    copyVersionInfo: () => calls.push(['copyVersionInfo']),
  });
  return { template, calls };
}

const nameOf = (item: MenuItemConstructorOptions): string => item.label ?? item.role ?? item.type ?? '?';

function submenu(template: MenuItemConstructorOptions[], name: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => nameOf(item) === name);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${name} menu`);
  return menu.submenu;
}

function item(template: MenuItemConstructorOptions[], menu: string, name: string): MenuItemConstructorOptions {
  const found = submenu(template, menu).find((entry) => nameOf(entry) === name);
  if (!found) throw new Error(`no ${name} in ${menu}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  if (!entry.click) throw new Error(`${nameOf(entry)} does nothing`);
  (entry.click as () => void)();
}

/** Every item of the menu tree, depth first. */
function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((entry) => [entry, ...(Array.isArray(entry.submenu) ? flatten(entry.submenu) : [])]);
}

describe('buildAppMenuTemplate', () => {
  it('gives macOS the app menu with About, Settings (⌘,), Hide and Quit, and ⌘[ ⌘] for history', () => {
    const { template, calls } = build({ platform: 'darwin' });
    expect(template.map(nameOf)).toEqual(['Lookout', 'File', 'Edit', 'View', 'Go', 'windowMenu', 'help']);
    expect(submenu(template, 'Lookout').map(nameOf)).toEqual([
      'About Lookout', 'separator', 'Settings…', 'separator', 'services', 'separator',
      'Hide Lookout', 'hideOthers', 'unhide', 'separator', 'Quit Lookout',
    ]);
    expect(item(template, 'Lookout', 'Settings…').accelerator).toBe('CmdOrCtrl+,');
    expect(submenu(template, 'File').map(nameOf)).toEqual(['Export Bug Report…', 'separator', 'Close Window']);
    expect(submenu(template, 'Edit').map(nameOf)).toContain('pasteAndMatchStyle');
    expect(item(template, 'Go', 'Back').accelerator).toBe('Cmd+[');
    expect(item(template, 'Go', 'Forward').accelerator).toBe('Cmd+]');
    click(item(template, 'Lookout', 'Settings…'));
    click(item(template, 'Go', 'Back'));
    click(item(template, 'Go', 'Forward'));
    click(item(template, 'File', 'Export Bug Report…'));
    expect(calls).toEqual([['navigate', { kind: 'settings' }], ['command', 'back'], ['command', 'forward'], ['command', 'export-bug-report']]);
    // About lives in the app menu on macOS, not in Help.
    expect(submenu(template, 'help').map(nameOf)).not.toContain('About Lookout');
  });

  for (const platform of ['win32', 'linux'] as const) {
    it(`gives ${platform} Settings (Ctrl+,) and Quit in File, Alt+Left/Right for history, About in Help`, () => {
      const { template, calls } = build({ platform });
      expect(template.map(nameOf)).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'help']);
      expect(submenu(template, 'File').map(nameOf)).toEqual(['Export Bug Report…', 'Settings…', 'separator', 'Close Window', 'Quit']);
      expect(item(template, 'File', 'Settings…').accelerator).toBe('CmdOrCtrl+,');
      expect(item(template, 'Go', 'Back').accelerator).toBe('Alt+Left');
      expect(item(template, 'Go', 'Forward').accelerator).toBe('Alt+Right');
      expect(submenu(template, 'Edit').map(nameOf)).not.toContain('pasteAndMatchStyle');
      expect(submenu(template, 'help').map(nameOf).at(-1)).toBe('About Lookout');
      click(item(template, 'File', 'Settings…'));
      expect(calls).toEqual([['navigate', { kind: 'settings' }]]);
    });
  }

  it('has a Go menu to every top-level page, numbered in sidebar order', () => {
    const { template, calls } = build({ platform: 'linux' });
    const go = submenu(template, 'Go');
    const pages = go.filter((entry) => entry.accelerator?.startsWith('CmdOrCtrl+'));
    expect(pages.map((entry) => [entry.label, entry.accelerator])).toEqual([
      ['Issues', 'CmdOrCtrl+1'], ['Traces', 'CmdOrCtrl+2'], ['Logs', 'CmdOrCtrl+3'], ['Replays', 'CmdOrCtrl+4'],
      ['Crons', 'CmdOrCtrl+5'], ['Releases', 'CmdOrCtrl+6'], ['Stats', 'CmdOrCtrl+7'],
    ]);
    for (const entry of [...pages, item(template, 'Go', 'Settings')]) click(entry);
    expect(calls.map((call) => call[1])).toEqual(['issues', 'traces', 'logs', 'replays', 'crons', 'releases', 'stats', 'settings'].map((kind) => ({ kind })));
  });

  it('never binds one shortcut to two items', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = flatten(build({ platform, isDev: true }).template).flatMap((entry) => entry.accelerator ?? []);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });

  it('shows the developer tools only in a development build', () => {
    const roles = (isDev: boolean) => submenu(build({ platform: 'linux', isDev }).template, 'View').map(nameOf);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });

  it('links Help to Lookout’s own pages and Sentry’s docs, never electronjs.org', () => {
    const { template, calls } = build({ platform: 'darwin', reportIssueUrl: 'https://example.com/lookout/issues' });
    for (const entry of submenu(template, 'help').filter((e) => e.click)) click(entry);
    expect(calls).toEqual([
      ['navigate', { kind: 'setup' }], ['openReadme'], ['openExternal', SENTRY_SDK_DOCS_URL],
      ['copyVersionInfo'], ['openExternal', 'https://example.com/lookout/issues'],
    ]);
    expect(JSON.stringify(template)).not.toMatch(/electron/i);
    const bare = submenu(build({ platform: 'darwin', hasReadme: false }).template, 'help').map(nameOf);
    expect(bare).not.toContain('Report an Issue…');
    expect(bare).not.toContain('Lookout README');
  });
});

describe('menuCommandOfAppCommand', () => {
  it('turns the mouse’s back/forward buttons into Back/Forward', () => {
    expect(['browser-backward', 'browser-forward', 'media-play-pause'].map(menuCommandOfAppCommand)).toEqual(['back', 'forward', null]);
  });
});

describe('Help menu sources', () => {
  it('takes the issue tracker from package.json’s bugs, http(s) only', () => {
    expect(reportIssueUrlOf({ bugs: { url: 'https://example.com/issues' } })).toBe('https://example.com/issues');
    expect(reportIssueUrlOf({ bugs: 'https://example.com/issues' })).toBe('https://example.com/issues');
    for (const pkg of [{}, { bugs: { email: 'a@b.c' } }, { bugs: 'javascript:alert(1)' }, null]) expect(reportIssueUrlOf(pkg)).toBeUndefined();
  });

  it('names the app, runtime and OS versions', () => {
    expect(versionInfoText({ version: '0.4.0', versions: { electron: '45.4.1', chrome: '142.0', node: '22.20.0' }, platform: 'linux', arch: 'x64', osRelease: '6.8.0' }))
      .toBe('Lookout 0.4.0\nElectron 45.4.1, Chromium 142.0, Node 22.20.0\nlinux x64 6.8.0');
  });
});
