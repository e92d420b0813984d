// Sandboxed preload (built to out/preload/index.cjs): exposes the typed bridge as `window.lookout`.
// Only named functions cross the context bridge; the page never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('lookout', createBridge(ipcRenderer));
