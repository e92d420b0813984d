import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLookout, type LookoutApp, type LookoutOptions } from '../../src/core/app';

export interface TestLookout extends LookoutApp {
  dsn: string;
  api<T = unknown>(path: string, init?: RequestInit): Promise<T>;
  stopAndClean(): Promise<void>;
}

/** An in-process Lookout on a fresh temporary data dir and a free port. */
export async function startTestLookout(opts: Partial<LookoutOptions> = {}): Promise<TestLookout> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lookout-test-'));
  const app = await startLookout({ dataDir, port: 0, host: '127.0.0.1', log: () => undefined, ...opts });
  return Object.assign(app, {
    dsn: `http://lookout@127.0.0.1:${app.port}/1`,
    async api<T>(path: string, init?: RequestInit): Promise<T> {
      const res = await fetch(`${app.url}/_lookout/api/${path}`, init);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stopAndClean() {
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Posts raw bytes to an ingest route and returns status and parsed body. */
export async function post(url: string, body: Buffer | string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', body, headers });
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, text, json: json as Record<string, unknown> | null, headers: res.headers };
}
