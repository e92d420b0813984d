/**
 * Electron main: a thin shell around the core server (src/core/app.ts). It starts the server on
 * 127.0.0.1, shows the UI that server serves (or the vite dev server under `electron-vite dev`),
 * and adds what a browser tab cannot: tray, notifications, save dialogs, editor and clipboard.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, screen, session, shell } from 'electron';
import { startLookout, type LookoutApp } from '../core/app';
import { builtPrepareWorker } from '../core/pipeline/worker-file';
import { EVENT_CHANNELS, type MenuCommand, type NavigateTarget } from '../shared/ipc-contract';
import { electronNativeBindingPath } from '../../scripts/native-path.mjs';
import { buildAppMenuTemplate, menuCommandOfAppCommand, reportIssueUrlOf, versionInfoText } from './app-menu';
import { badgeDescription, badgeLabel, badgePng } from './badge-icon';
import { openInEditorViaCore } from './core-editor';
import { DEEP_LINK_SCHEME, findDeepLink, parseDeepLink } from './deep-link';
import { createIpcHandlers, registerIpcHandlers } from './ipc';
import { createIssueNotifier } from './notifications';
import { UnreadIssues, isNotable } from '../shared/notification-policy';
import { readDesktopSettings, SETTINGS_FILE_NAME } from './settings';
import { describeStartupError } from './startup-error';
import { createTray, type LookoutTray } from './tray';
import { isAllowedOrigin, originOf } from './url-policy';
import { createMainWindow, hardenSession } from './window';
import { placeWindow, readWindowState, writeWindowState } from './window-state';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const projectRoot = resolve(here, '../..');
const devRendererUrl = process.env.ELECTRON_RENDERER_URL;

// Windows shows toast notifications only for an app with an AppUserModelID.
if (process.platform === 'win32') app.setAppUserModelId('Lookout');

// Tests and side-by-side runs point the app at another data folder before anything reads it.
if (process.env.LOOKOUT_DATA_DIR) app.setPath('userData', resolve(process.env.LOOKOUT_DATA_DIR));

let core: LookoutApp | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: LookoutTray | null = null;
let quitting = false;
const unread = new UnreadIssues();
/** A `lookout://` link that came before the window existed (launch argument, macOS open-url). */
let pendingTarget: NavigateTarget | null = parseDeepLink(findDeepLink(process.argv));

function showWindow(target?: NavigateTarget | null): void {
  if (mainWindow === null) {
    if (target) pendingTarget = target;
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  if (target) mainWindow.webContents.send(EVENT_CHANNELS.navigate, target);
}

function sendMenuCommand(command: MenuCommand): void {
  showWindow();
  mainWindow?.webContents.send(EVENT_CHANNELS.menuCommand, command);
}

function setUnread(count: number): void {
  tray?.setUnread(count);
  if (process.platform !== 'win32') {
    app.setBadgeCount(count);
    return;
  }
  // Windows has no app badge: the count goes on the task bar button as an overlay icon.
  const label = badgeLabel(count);
  if (label === null) {
    mainWindow?.setOverlayIcon(null, '');
    return;
  }
  const image = nativeImage.createEmpty();
  image.addRepresentation({ scaleFactor: 1, buffer: badgePng(16, label) });
  image.addRepresentation({ scaleFactor: 2, buffer: badgePng(32, label) });
  mainWindow?.setOverlayIcon(image, badgeDescription(count));
}

function installAppMenu(): void {
  const readme = join(projectRoot, 'README.md');
  let packageJson: unknown = null;
  try { packageJson = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')); } catch { /* packaged without it */ }
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate({
    platform: process.platform,
    appName: 'Lookout',
    isDev: devRendererUrl !== undefined,
    reportIssueUrl: reportIssueUrlOf(packageJson),
    hasReadme: existsSync(readme),
  }, {
    navigate: (target) => showWindow(target),
    command: sendMenuCommand,
    openExternal: (url) => void shell.openExternal(url),
    openReadme: () => void shell.openPath(readme),
    copyVersionInfo: () => clipboard.writeText(versionInfoText({
      version: app.getVersion(), versions: process.versions, platform: process.platform, arch: process.arch, osRelease: release(),
    })),
  })));
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const settingsFile = join(dataDir, SETTINGS_FILE_NAME);
  const settings = readDesktopSettings(settingsFile, process.env);
  const nativeBinding = electronNativeBindingPath(projectRoot, process.versions.electron);
  try {
    core = await startLookout({
      dataDir,
      port: settings.port,
      host: '127.0.0.1',
      nativeBinding: existsSync(nativeBinding) ? nativeBinding : undefined,
      prepareWorkerFile: builtPrepareWorker(import.meta.url),
      log: (line) => console.log(line),
    });
  } catch (error) {
    const text = describeStartupError(error, { ...settings, settingsFile, nativeBinding });
    dialog.showErrorBox(text.title, text.message);
    app.exit(1);
    return;
  }
  const server = core;
  const coreOrigin = originOf(server.url);
  const pageUrl = devRendererUrl ?? `${server.url}/`;
  const allowedOrigins = [coreOrigin, ...(devRendererUrl ? [originOf(devRendererUrl)] : [])];
  if (devRendererUrl && process.env.LOOKOUT_DEV_API_FILE) {
    // Tells the dev server's proxy (scripts/dev-api-proxy.mjs) where the API is.
    mkdirSync(dirname(process.env.LOOKOUT_DEV_API_FILE), { recursive: true });
    writeFileSync(process.env.LOOKOUT_DEV_API_FILE, coreOrigin);
  }

  hardenSession(session.defaultSession, coreOrigin);
  registerIpcHandlers(ipcMain, createIpcHandlers({
    // Under the dev server the API is reached through its proxy, i.e. the page's own origin.
    serverInfo: () => ({ apiBase: devRendererUrl ? originOf(devRendererUrl) : coreOrigin, version: app.getVersion(), dataDir }),
    openExternal: (url) => shell.openExternal(url),
    openInEditor: (file, line, col) => openInEditorViaCore(server.url, file, line, col),
    chooseSavePath: async (defaultName) => {
      const options = { defaultPath: join(app.getPath('downloads'), defaultName) };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    writeClipboard: (text) => clipboard.writeText(text),
  }), (event) => isAllowedOrigin(event.senderFrame?.url, allowedOrigins));

  const primary = screen.getPrimaryDisplay().workArea;
  mainWindow = createMainWindow({
    pageUrl, allowedOrigins, preloadPath: join(here, '../preload/index.cjs'),
    placement: placeWindow(readWindowState(settingsFile), screen.getAllDisplays().map((display) => display.workArea), primary),
    saveState: (state) => {
      try {
        writeWindowState(settingsFile, state);
      } catch (error) {
        console.warn(`Could not save the window's position: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
  mainWindow.on('app-command', (_event, appCommand) => {
    const command = menuCommandOfAppCommand(appCommand);
    if (command !== null) sendMenuCommand(command);
  });
  // The preload keeps this until the page subscribes, so it survives the page's boot.
  mainWindow.webContents.once('did-finish-load', () => {
    if (pendingTarget === null) return;
    mainWindow?.webContents.send(EVENT_CHANNELS.navigate, pendingTarget);
    pendingTarget = null;
  });
  mainWindow.on('focus', () => {
    unread.clear();
    setUnread(0);
  });
  try {
    tray = createTray({ open: () => showWindow(), quit: () => app.quit() });
  } catch (error) {
    console.warn(`No tray icon: ${error instanceof Error ? error.message : String(error)}`);
  }
  // With a tray, closing the window keeps Lookout catching errors in the background.
  mainWindow.on('close', (event) => {
    if (!quitting && tray !== null) {
      event.preventDefault();
      mainWindow?.hide();
    }
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  const notifier = createIssueNotifier((issueId) => showWindow({ kind: 'issue', issueId }));
  server.onIssue(({ change, issue }) => {
    if (!isNotable(change)) return;
    if (mainWindow?.isFocused()) return;
    setUnread(unread.add(issue));
    notifier.notify(change, issue);
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Lookout already owns the port and the database: let it come to the front instead.
  app.quit();
} else {
  // A second launch brings this window forward, opening the `lookout://` link it was given, if any.
  app.on('second-instance', (_event, argv) => showWindow(parseDeepLink(findDeepLink(argv))));
  // macOS hands links over as an event, possibly before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    showWindow(parseDeepLink(url));
  });
  // Only an installed app claims the scheme: a source checkout or a test run must not take it over.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => showWindow());
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || core === null) return;
    // Let in-flight writes commit before the process exits.
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      tray?.destroy();
      app.quit();
    });
  });
  app.whenReady().then(() => {
    installAppMenu();
    return start();
  }).catch((error: unknown) => {
    dialog.showErrorBox('Lookout could not start', error instanceof Error ? error.stack ?? error.message : String(error));
    app.exit(1);
  });
}
