import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export interface RunningServer {
  url: string;
  port: number;
  dsn: string;
  dataDir: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts `lookout serve --port 0` on a data dir and resolves once it prints its ready line
 * (`Lookout listening on …`): the ready marker, never a sleep.
 */
export async function startServer(opts: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lookout-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/lookout.js'), 'serve', '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])], {
    cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`lookout serve did not start in 30 s: ${stderr}`)), 30_000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`lookout serve exited with ${code}: ${stderr}`)); });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = /^Lookout listening on (http:\/\/\S+)$/.exec(line);
      if (m) resolveUrl(m[1]!);
      else reject(new Error(`unexpected first line: ${line}`));
    });
  });
  const port = Number(new URL(url).port);
  return {
    url, port, dataDir, process: child, dsn: `http://lookout@127.0.0.1:${port}/1`,
    stop(signal = 'SIGTERM') {
      return new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop(child.exitCode);
        child.once('exit', (code) => resolveStop(code));
        child.kill(signal);
      });
    },
  };
}
