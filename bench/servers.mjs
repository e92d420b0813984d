// Starts the servers under test as child processes and waits for their ready line:
// the null server (loopback ceiling), Spotlight's sidecar, and `node bin/lookout.js serve`.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { shebangNodeFlags } from '../scripts/serve-node-flags.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = fileURLToPath(new URL('.', import.meta.url));

export const SERVER_KINDS = ['null', 'spotlight', 'lookout'];
/** The latency phase adds the durable floor: the null server with an fsync before each answer. */
export const LATENCY_KINDS = ['null', 'fsync', 'spotlight', 'lookout'];
export const SSE = {
  spotlight: { path: '/stream', idPattern: '"event_id":"([0-9a-f]{32})"' },
  lookout: { path: '/_lookout/api/stream', idPattern: '"eventId":"([0-9a-f]{32})"' },
};

/**
 * @param {'null' | 'fsync' | 'spotlight' | 'lookout'} kind
 * @param {{ dataDir?: string, nodeFlags?: string[], extraArgs?: string[] }} opts
 */
export async function startServer(kind, opts = {}) {
  const script = { null: [join(BENCH, 'null-server.mjs')], fsync: [join(BENCH, 'fsync-server.mjs')], spotlight: [join(BENCH, 'spotlight-server.mjs')],
    // The flags the `lookout` command's shebang and `npm run serve` give Node (see bin/lookout.js).
    lookout: [...shebangNodeFlags(join(ROOT, 'bin/lookout.js')), join(ROOT, 'bin/lookout.js'), 'serve', '--port', '0', '--data-dir', opts.dataDir ?? '', ...(opts.extraArgs ?? [])] }[kind];
  const started = performance.now();
  const proc = spawn(process.execPath, [...(opts.nodeFlags ?? []), ...script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) { proc.stdout.off('data', onData); proc.stdout.resume(); resolve(Number(m[1])); }
    };
    proc.stdout.on('data', onData);
    void exited.then(({ code, signal }) => reject(new Error(`${kind} server exited (${code ?? signal}) before ready:\n${stderr}`)));
  });
  const readyMs = performance.now() - started;
  return {
    kind, port, pid: proc.pid, readyMs, dataDir: opts.dataDir,
    /** Resident set size of the server process, in MB. */
    rssMb() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : Number.NaN;
      } catch { return Number.NaN; }
    },
    /** SIGTERM (Lookout commits and closes the store), SIGKILL after `graceMs`. */
    async stop(graceMs = 60_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return exited;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    stderr: () => stderr,
  };
}

/** Bytes of the SQLite files (db, WAL, shared memory) in a data directory. */
export function storeBytes(dataDir) {
  let total = 0;
  for (const name of readdirSync(dataDir)) if (name.startsWith('lookout.db')) total += statSync(join(dataDir, name)).size;
  return total;
}
