/**
 * A minified esbuild bundle carrying a debug id, as Sentry's bundler plugins make one: the snippet
 * that registers the id for the SDK, the `//# debugId=` comment, and the id in the map.
 * @see https://github.com/getsentry/rfcs/blob/main/text/0081-sourcemap-debugid.md
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** What the Sentry bundler plugins inject so the SDK can report the bundle's debug id. */
export const debugIdSnippet = (id: string): string =>
  `;(()=>{try{const g=globalThis;const s=new g.Error().stack;if(s){g._sentryDebugIds=g._sentryDebugIds||{};g._sentryDebugIds[s]=${JSON.stringify(id)};}}catch{}})();`;

/**
 * Writes `sources` (paths relative to `root`) and bundles `entry` into `<root>/dist/static/app.js`
 * (+ .map), both carrying `debugId`; returns the bundle's path.
 */
export async function buildDebugIdBundle(root: string, sources: Record<string, string>, entry: string, debugId: string): Promise<string> {
  for (const [rel, text] of Object.entries(sources)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const js = join(root, 'dist', 'static', 'app.js');
  await build({ entryPoints: [join(root, entry)], outfile: js, bundle: true, minify: true, format: 'iife',
    sourcemap: 'external', banner: { js: debugIdSnippet(debugId) }, logLevel: 'silent' });
  writeFileSync(js, `${readFileSync(js, 'utf8')}//# debugId=${debugId}\n`);
  const map = JSON.parse(readFileSync(`${js}.map`, 'utf8')) as Record<string, unknown>;
  writeFileSync(`${js}.map`, JSON.stringify({ ...map, debugId }));
  return js;
}
