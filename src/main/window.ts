/**
 * The one app window, locked down: sandboxed renderer, no Node, context isolation, a preload that
 * exposes only the typed bridge, no navigation away from our own origins, no new windows (http(s)
 * links go to the system browser), no permissions, and a strict CSP on the core server's pages.
 * @see https://www.electronjs.org/docs/latest/tutorial/security
 */
import { BrowserWindow, shell, type Session } from 'electron';
import { withContentSecurityPolicy } from './csp';
import { isAllowedOrigin, isExternalHttpUrl } from './url-policy';

export interface MainWindowOptions {
  /** What the window shows: the core server's URL, or the vite dev server in development. */
  pageUrl: string;
  /** Origins the window may show (core server, and the dev server when used). */
  allowedOrigins: readonly string[];
  preloadPath: string;
}

function openOutside(url: string): void {
  if (isExternalHttpUrl(url)) void shell.openExternal(url);
}

/** Denies every permission and puts our CSP on responses from the core server. */
export function hardenSession(session: Session, coreOrigin: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived({ urls: [`${coreOrigin}/*`] }, (details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Lookout',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  // The title stays "Lookout"; unread counts live in the tray.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  const guard = (event: { preventDefault(): void; isMainFrame: boolean; url: string }): void => {
    if (!event.isMainFrame || isAllowedOrigin(event.url, options.allowedOrigins)) return;
    event.preventDefault();
    openOutside(event.url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // Sub-frames (the replay player's iframe) may hold about:blank/srcdoc documents, nothing remote.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || event.url.startsWith('about:')) return;
    if (!isAllowedOrigin(event.url, options.allowedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });

  void window.loadURL(options.pageUrl);
  return window;
}
