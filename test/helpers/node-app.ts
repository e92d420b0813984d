/**
 * A small Node app (the symbolicate fixture sources: checkout → Cart.total → priceOf → validate)
 * built with esbuild, and a way to run its entry point under real @sentry/node so the error
 * travels through the SDK's transport to a Lookout.
 */
import * as Sentry from '@sentry/node';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { bundle } from '../../src/core/symbolicate/test-support';

export { FIXTURE_SOURCES, makeProject } from '../../src/core/symbolicate/test-support';

/** What the Sentry bundler plugins inject: the stack of a new Error keyed to the build's debug id. */
export function debugIdSnippet(id: string): string {
  return `;(()=>{try{const g=globalThis;const s=new g.Error().stack;if(s){g._sentryDebugIds=g._sentryDebugIds||{};g._sentryDebugIds[s]=${JSON.stringify(id)};}}catch{}})();`;
}

/** Bundles src/main.js to dist/<folder>/app.js with an external map (same basename, so the same module name). */
export async function buildApp(dir: string, folder: string, opts: BuildOptions & { debugId?: string } = {}): Promise<string> {
  const { debugId, ...options } = opts;
  const js = await bundle(dir, `${folder}/app.js`, debugId ? { ...options, banner: { js: debugIdSnippet(debugId) } } : options);
  if (debugId) {
    await writeFile(js, `${await readFile(js, 'utf8')}//# debugId=${debugId}\n`);
    const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as Record<string, unknown>;
    await writeFile(`${js}.map`, JSON.stringify({ ...map, debugId }));
  }
  return js;
}

let currentDsn: string | null = null;

/**
 * Runs `checkout()` of `moduleFile` with a bad item under real @sentry/node sending to `dsn`;
 * resolves with the event id once the SDK has flushed it.
 */
export async function throwUnderSentry(dsn: string, moduleFile: string): Promise<string> {
  if (currentDsn !== dsn) {
    Sentry.init({ dsn, defaultIntegrations: false, integrations: [Sentry.contextLinesIntegration(), Sentry.linkedErrorsIntegration()] });
    currentDsn = dsn;
  }
  const mod = createRequire(import.meta.url)(path.resolve(moduleFile)) as { checkout: (items: unknown[]) => unknown };
  // Thrown from a timer callback, so the caller's frames (which differ per call site) are not in
  // the stack and two runs of the same code group the same way.
  const eventId = await new Promise<string>((resolve) => setImmediate(() => {
    // Vitest installs a stack hook that applies source maps itself; a plain `node app.js` has none.
    const errorCtor = Error as { prepareStackTrace?: unknown };
    const hook = errorCtor.prepareStackTrace;
    errorCtor.prepareStackTrace = undefined;
    try {
      mod.checkout([{ name: 'pen', price: 2, qty: 1 }, { name: 'ink', price: -1, qty: 2 }]);
      resolve('');
    } catch (err) {
      void (err as Error).stack;
      resolve(Sentry.captureException(err));
    } finally {
      errorCtor.prepareStackTrace = hook;
    }
  }));
  if (!eventId) throw new Error(`${moduleFile} did not throw`);
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  return eventId;
}
