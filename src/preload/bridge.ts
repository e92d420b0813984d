/**
 * Builds `window.lookout` from an IPC transport. Electron-free so tests can wire it to the main
 * handlers in memory. Every function maps to exactly one channel of the contract; there is no
 * generic `invoke(channel)` escape hatch for the page.
 * @see https://www.electronjs.org/docs/latest/tutorial/ipc
 */
import {
  EVENT_CHANNELS, INVOKE_CHANNELS, isNavigateTarget,
  type InvokeArgs, type InvokeName, type InvokeResult, type LookoutBridge,
} from '../shared/ipc-contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface RendererTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

export function createBridge(ipc: RendererTransport): LookoutBridge {
  const invoke = <K extends InvokeName>(name: K, ...args: InvokeArgs<K>): Promise<InvokeResult<K>> =>
    // The main handler for this channel returns InvokeResult<K> (enforced by MainHandlers).
    ipc.invoke(INVOKE_CHANNELS[name], ...args) as Promise<InvokeResult<K>>;

  return {
    getServerInfo: () => invoke('getServerInfo'),
    openInEditor: (file, line, col) => invoke('openInEditor', file, line, col),
    openExternal: (url) => invoke('openExternal', url),
    saveFile: (defaultName, contents) => invoke('saveFile', defaultName, contents),
    copyToClipboard: (text) => invoke('copyToClipboard', text),
    onNavigate: (callback) => {
      const listener: Listener = (_event, target) => {
        if (isNavigateTarget(target)) callback(target);
      };
      ipc.on(EVENT_CHANNELS.navigate, listener);
      return () => {
        ipc.removeListener(EVENT_CHANNELS.navigate, listener);
      };
    },
  };
}
