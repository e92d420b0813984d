/**
 * The one app window, locked down: sandboxed renderer, no Node, context isolation, a preload that
 * exposes only the typed bridge, no navigation away from our own origins, no new windows (http(s)
 * links go to the system browser), no permissions, and a strict CSP on the core server's pages.
 * @see https://www.electronjs.org/docs/latest/tutorial/security
 */
import { BrowserWindow, Menu, clipboard, shell, type Session } from 'electron';
import { buildContextMenuTemplate } from './context-menu';
import { withContentSecurityPolicy } from './csp';
import { isAllowedOrigin, isExternalHttpUrl } from './url-policy';
import { debouncedWriter, MIN_WINDOW_SIZE, type WindowState } from './window-state';

export interface MainWindowOptions {
  /** What the window shows: the core server's URL, or the vite dev server in development. */
  pageUrl: string;
  /** Origins the window may show (core server, and the dev server when used). */
  allowedOrigins: readonly string[];
  preloadPath: string;
  /** Where the window opens (window-state.ts `placeWindow`). */
  placement: WindowState;
  /** Called (debounced, and at close) with the bounds to remember. */
  saveState(state: WindowState): void;
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

/** Saves size, position and maximized state after moves and resizes settle, and at close. */
function rememberBounds(window: BrowserWindow, save: (state: WindowState) => void): void {
  const writer = debouncedWriter(() => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  const schedule = (): void => writer.schedule();
  window.on('move', schedule);
  window.on('resize', schedule);
  window.on('maximize', schedule);
  window.on('unmaximize', schedule);
  window.on('close', () => writer.flush());
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Lookout',
    ...options.placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // macOS checks spelling with its own dictionaries; Windows and Linux would download Hunspell
      // ones from Google's CDN, which a local-only tool should not do on its own.
      spellcheck: process.platform === 'darwin',
    },
  });
  // The page sets the title ("(3) <issue> — Lookout"): the window, task bar and window lists show it.
  window.once('ready-to-show', () => {
    if (options.placement.maximized) window.maximize();
    window.show();
  });
  rememberBounds(window, options.saveState);

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
  contents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, process.platform, {
      copyText: (text) => clipboard.writeText(text),
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
      lookUp: () => contents.showDefinitionForSelection(),
    });
    Menu.buildFromTemplate(template).popup({ window });
  });

  void window.loadURL(options.pageUrl);
  return window;
}
