/**
 * Main-side IPC: one handler per channel of the bridge contract, each validating its arguments
 * (the renderer shows untrusted event data, so it is treated as untrusted too). No Electron import
 * here: index.ts passes in ipcMain and the Electron-backed dependencies.
 * @see https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
import { writeFile } from 'node:fs/promises';
import {
  INVOKE_CHANNELS, type InvokeName, type MainHandlers, type OpenInEditorResult, type ServerInfo,
} from '../shared/ipc-contract';
import { isExternalHttpUrl } from './url-policy';

const MAX_PATH_LENGTH = 4096;
const MAX_POSITION = 10_000_000;
const MAX_CLIPBOARD_CHARS = 50_000_000;

export interface IpcDeps {
  serverInfo(): ServerInfo;
  openExternal(url: string): Promise<void>;
  openInEditor(file: string, line: number, col: number): Promise<OpenInEditorResult>;
  /** Shows a save dialog; null when the user cancels. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  writeClipboard(text: string): void;
}

function text(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string' || value.length > max || value.includes('\0')) {
    throw new TypeError(`${what} must be a string of at most ${max} characters`);
  }
  return value;
}

/** A 1-based line/column; a missing or odd value becomes 1 (frames often lack a column). */
function position(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_POSITION ? value : 1;
}

/** A bare file name for the save dialog: no folders, no control or reserved characters. */
export function safeFileName(name: unknown): string {
  const base = (typeof name === 'string' ? name : '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned === '' ? 'lookout-export' : cleaned;
}

export function createIpcHandlers(deps: IpcDeps): MainHandlers {
  return {
    getServerInfo: async () => deps.serverInfo(),
    openInEditor: async (file, line, col) =>
      deps.openInEditor(text(file, 'file', MAX_PATH_LENGTH), position(line), position(col)),
    openExternal: async (url) => {
      if (!isExternalHttpUrl(url)) return false;
      await deps.openExternal(url);
      return true;
    },
    saveFile: async (defaultName, contents) => {
      if (typeof contents !== 'string' && !(contents instanceof Uint8Array)) {
        throw new TypeError('contents must be a string or a Uint8Array');
      }
      const path = await deps.chooseSavePath(safeFileName(defaultName));
      if (path === null) return { saved: false };
      try {
        await writeFile(path, contents);
        return { saved: true, path };
      } catch (error) {
        return { saved: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    copyToClipboard: async (value) => {
      deps.writeClipboard(text(value, 'text', MAX_CLIPBOARD_CHARS));
    },
  };
}

/** The part of Electron's `ipcMain` used here; `E` is its invoke event type. */
export interface MainTransport<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * Registers every handler on its contract channel. Calls from frames that fail `isTrustedSender`
 * (anything but our own pages) are rejected. Returns a function that unregisters them all.
 */
export function registerIpcHandlers<E>(
  ipc: MainTransport<E>, handlers: MainHandlers, isTrustedSender: (event: E) => boolean,
): () => void {
  const names = Object.keys(INVOKE_CHANNELS) as InvokeName[];
  for (const name of names) {
    const handler: (...args: unknown[]) => Promise<unknown> = handlers[name];
    ipc.handle(INVOKE_CHANNELS[name], (event, ...args) => {
      if (!isTrustedSender(event)) throw new Error(`${name}: refused, the caller is not a Lookout page`);
      return handler(...args);
    });
  }
  return () => {
    for (const name of names) ipc.removeHandler(INVOKE_CHANNELS[name]);
  };
}
