// The orchestrator's handle on the load generator child process (loadgen.mjs, over IPC).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startGenerator() {
  const child = fork(fileURLToPath(new URL('./loadgen.mjs', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve, reject) => {
    child.once('message', (m) => (m.type === 'ready' ? resolve() : reject(new Error(String(m.error)))));
    child.once('exit', (code) => reject(new Error(`load generator exited (${code})`)));
  });
  let onProgress = null;
  let onWindow = null;
  let pending = null;
  child.on('message', (m) => {
    if (m.type === 'progress') onProgress?.(m);
    else if (m.type === 'window') onWindow?.(m.end === true);
    else if (m.type === 'result') { const p = pending; pending = null; p?.resolve(m.result); }
    else if (m.type === 'error') { const p = pending; pending = null; p?.reject(new Error(m.error)); }
  });
  /**
   * Runs one command; `progress` is called with periodic `{ acked, failed, t }` reports, `window`
   * when the warm-up ends (`window(false)`) and, for an open loop, again once its last send is
   * answered (`window(true)`).
   */
  const run = (cmd, progress = null, window = null) => new Promise((resolve, reject) => {
    if (pending) throw new Error('the load generator runs one command at a time');
    pending = { resolve, reject };
    onProgress = progress;
    onWindow = window;
    child.send(cmd);
  });
  return {
    pid: child.pid, run,
    close: () => { child.send({ cmd: 'exit' }); },
  };
}
