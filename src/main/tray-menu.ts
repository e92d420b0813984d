/**
 * What the tray icon does, per platform convention: on macOS a click opens the menu (a menu-bar
 * extra is a menu, Apple HIG); on Windows a click opens the window and a right-click the menu; on
 * Linux most desktops show only the menu (AppIndicator sends no clicks). Electron-free apart from
 * types, so tray-menu.test.ts covers each platform.
 * @see https://www.electronjs.org/docs/latest/api/tray#platform-considerations
 * @see https://developer.apple.com/design/human-interface-guidelines/the-menu-bar#Menu-bar-extras
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface TrayActions {
  open(): void;
  quit(): void;
}

/** True where clicking the icon should open the window rather than leave it to the menu. */
export function trayClickOpensWindow(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/** The tray menu: open the window (naming the unseen count), quit. */
export function buildTrayMenuTemplate(unread: number, actions: TrayActions): MenuItemConstructorOptions[] {
  const open = unread > 0 ? `Open Lookout (${unread} new issue${unread === 1 ? '' : 's'})` : 'Open Lookout';
  return [
    { label: open, click: () => actions.open() },
    { type: 'separator' },
    { label: 'Quit Lookout', click: () => actions.quit() },
  ];
}
