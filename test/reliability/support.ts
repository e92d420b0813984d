import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planWebBuild, WEB_TARGETS } from '../../scripts/web-build-state.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const newEventId = (): string => crypto.randomUUID().replace(/-/g, '');

/** An envelope holding one event item, as the JavaScript SDKs send it. */
export function eventEnvelope(id: string, event: Record<string, unknown>): string {
  return `{"event_id":"${id}","sent_at":"${new Date().toISOString()}"}\n{"type":"event"}\n${JSON.stringify({ event_id: id, ...event })}`;
}

/** An error event shaped like @sentry/node's, with one of a few exception types. */
export function errorEvent(id: string, kind: number): Record<string, unknown> {
  return {
    event_id: id, platform: 'node', level: 'error', timestamp: Date.now() / 1000,
    exception: { values: [{ type: `CrashTestError${kind}`, value: `failure ${id}`, mechanism: { type: 'generic', handled: true },
      stacktrace: { frames: [
        { filename: '/app/src/server.js', function: 'handle', lineno: 10 + kind, colno: 3, in_app: true },
        { filename: '/app/src/worker.js', function: `step${kind}`, lineno: 42, colno: 7, in_app: true },
      ] } }] },
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
  };
}

/**
 * Builds out/cli when it is missing or older than src/ (only the CLI: the UI is not needed to
 * run `lookout serve` headless), so tests that spawn the real process run the current code.
 */
export function ensureCliBuilt(): void {
  const cli = WEB_TARGETS.filter((t) => t.name === 'cli');
  if (planWebBuild(ROOT, cli).length === 0) return;
  const viteBin = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [viteBin, 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'],
    { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the CLI failed: ${result.stderr}`);
}
