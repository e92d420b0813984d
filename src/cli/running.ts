import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Refuses to rewrite a data dir that a live `lookout serve` (or the app) is using; `instead` says what else works. */
export function assertNotRunning(dataDir: string, instead = ''): void {
  let info: { pid?: number; url?: string };
  try { info = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as typeof info; } catch { return; }
  if (typeof info.pid !== 'number') return;
  try {
    process.kill(info.pid, 0);
  } catch {
    return; // stale server.json from a crash
  }
  throw new Error(`Lookout is running on this data dir (pid ${info.pid}, ${info.url ?? ''}); stop it first${instead ? `, or ${instead}` : ''}.`);
}
