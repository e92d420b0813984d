/**
 * The desktop bridge: what the preload exposes as `window.lookout`, and the IPC channel behind each
 * function. Main registers one handler per `INVOKE_CHANNELS` entry (`MainHandlers` makes a missing
 * one a type error; src/main/ipc.test.ts checks it at run time). The headless web UI has no bridge,
 * so renderer code must treat `window.lookout` as optional.
 * @see https://www.electronjs.org/docs/latest/tutorial/context-isolation
 */

export interface ServerInfo {
  /** Origin of the core HTTP server, e.g. `http://127.0.0.1:8969` (the API lives under it). */
  apiBase: string;
  version: string;
  dataDir: string;
}

export type OpenInEditorResult =
  | { ok: true; via: 'editor' | 'revealed' }
  | { ok: false; error: string };

export type SaveFileResult = { saved: true; path: string } | { saved: false; error?: string };

/** The top-level pages the app menu's Go menu and `lookout://<page>` links can open. */
export const APP_PAGES = ['issues', 'traces', 'logs', 'replays', 'crons', 'releases', 'stats', 'settings', 'setup'] as const;
export type AppPage = (typeof APP_PAGES)[number];

/** Where main asks the UI to go (notification click, tray, Go menu, `lookout://` link). */
export type NavigateTarget = { kind: 'issue'; issueId: number } | { kind: AppPage };

/**
 * App-menu commands only the page can carry out: history moves within its hash routes, and opening
 * the bug-report export of the issue on screen.
 */
export const MENU_COMMANDS = ['back', 'forward', 'export-bug-report'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface LookoutBridge {
  getServerInfo(): Promise<ServerInfo>;
  /** Opens a local source file at a position in the editor chosen in settings. */
  openInEditor(file: string, line: number, col: number): Promise<OpenInEditorResult>;
  /** Opens an http(s) URL in the system browser; false when the URL was refused. */
  openExternal(url: string): Promise<boolean>;
  /** Asks where to save, then writes `contents`. */
  saveFile(defaultName: string, contents: string | Uint8Array): Promise<SaveFileResult>;
  copyToClipboard(text: string): Promise<void>;
  /**
   * Subscribes to navigation requests from main; returns the unsubscribe function. A request that
   * came before the first subscriber (a `lookout://` link that launched the app) is delivered to it.
   */
  onNavigate(callback: (target: NavigateTarget) => void): () => void;
  /** Subscribes to app-menu commands (Back, Forward, Export bug report…); returns the unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
}

/** Bridge functions that are a request/response `ipcRenderer.invoke` round trip. */
export type InvokeName = Exclude<keyof LookoutBridge, 'onNavigate' | 'onMenuCommand'>;

export const INVOKE_CHANNELS = {
  getServerInfo: 'lookout:get-server-info',
  openInEditor: 'lookout:open-in-editor',
  openExternal: 'lookout:open-external',
  saveFile: 'lookout:save-file',
  copyToClipboard: 'lookout:copy-to-clipboard',
} as const satisfies Record<InvokeName, `lookout:${string}`>;

/** Main → renderer messages (`webContents.send`). */
export const EVENT_CHANNELS = {
  navigate: 'lookout:navigate',
  menuCommand: 'lookout:menu-command',
} as const;

export type InvokeArgs<K extends InvokeName> = Parameters<LookoutBridge[K]>;
export type InvokeResult<K extends InvokeName> = Awaited<ReturnType<LookoutBridge[K]>>;

/** Main-side handlers: arguments arrive unchecked because the renderer is not trusted. */
export type MainHandlers = { [K in InvokeName]: (...args: unknown[]) => Promise<InvokeResult<K>> };

/** Narrows a message from the navigate channel. */
export function isNavigateTarget(value: unknown): value is NavigateTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as { kind?: unknown; issueId?: unknown };
  if ((APP_PAGES as readonly unknown[]).includes(target.kind)) return true;
  return target.kind === 'issue' && typeof target.issueId === 'number' && Number.isSafeInteger(target.issueId) && target.issueId > 0;
}

/** Narrows a message from the menu-command channel. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return (MENU_COMMANDS as readonly unknown[]).includes(value);
}

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    lookout?: LookoutBridge;
  }
}
