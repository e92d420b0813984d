/**
 * Builds `window.lookout` from an IPC transport. Electron-free so tests can wire it to the main
 * handlers in memory. Every function maps to exactly one channel of the contract; there is no
 * generic `invoke(channel)` escape hatch for the page.
 * @see https://www.electronjs.org/docs/latest/tutorial/ipc
 */
import {
  EVENT_CHANNELS, INVOKE_CHANNELS, isMenuCommand, isNavigateTarget,
  type InvokeArgs, type InvokeName, type InvokeResult, type LookoutBridge,
} from '../shared/ipc-contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface RendererTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

/**
 * One main → page channel: listens from the start and fans out to the page's subscribers. With
 * `keepUntilSubscribed`, the last message that came while nobody listened goes to the next
 * subscriber: main sends a launch link's target on did-finish-load, before the page has booted.
 */
function eventChannel<T>(ipc: RendererTransport, channel: string, isValid: (value: unknown) => value is T, keepUntilSubscribed: boolean) {
  const subscribers = new Set<(value: T) => void>();
  let pending: { value: T } | null = null;
  ipc.on(channel, (_event, value) => {
    if (!isValid(value)) return;
    if (subscribers.size === 0) {
      if (keepUntilSubscribed) pending = { value };
      return;
    }
    for (const subscriber of subscribers) subscriber(value);
  });
  return (callback: (value: T) => void): (() => void) => {
    // A wrapper per call, so subscribing the same function twice needs two unsubscribes.
    const subscriber = (value: T): void => callback(value);
    subscribers.add(subscriber);
    if (pending !== null) {
      const { value } = pending;
      pending = null;
      subscriber(value);
    }
    return () => {
      subscribers.delete(subscriber);
    };
  };
}

export function createBridge(ipc: RendererTransport): LookoutBridge {
  const onNavigate = eventChannel(ipc, EVENT_CHANNELS.navigate, isNavigateTarget, true);
  // A Back pressed before the page listened has nothing left to act on.
  const onMenuCommand = eventChannel(ipc, EVENT_CHANNELS.menuCommand, isMenuCommand, false);

  const invoke = <K extends InvokeName>(name: K, ...args: InvokeArgs<K>): Promise<InvokeResult<K>> =>
    // The main handler for this channel returns InvokeResult<K> (enforced by MainHandlers).
    ipc.invoke(INVOKE_CHANNELS[name], ...args) as Promise<InvokeResult<K>>;

  return {
    getServerInfo: () => invoke('getServerInfo'),
    openInEditor: (file, line, col) => invoke('openInEditor', file, line, col),
    openExternal: (url) => invoke('openExternal', url),
    saveFile: (defaultName, contents) => invoke('saveFile', defaultName, contents),
    copyToClipboard: (text) => invoke('copyToClipboard', text),
    onNavigate,
    onMenuCommand,
  };
}
