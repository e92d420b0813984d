/**
 * The replay shop's bundle (browser-app/page.js) built again the way browser-app/server.ts serves
 * it, but written to disk with an external source map, so `lookout serve --source-root DIR` can
 * map the browser's frames back to page.js with its source lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PAGE = fileURLToPath(new URL('./browser-app/page.js', import.meta.url));

/** Writes DIR/app.js and DIR/app.js.map; returns the bundle's code without the map comment. */
export async function writeShopBundleWithMap(dir: string): Promise<string> {
  const outfile = join(dir, 'app.js');
  await build({
    entryPoints: [PAGE], bundle: true, format: 'iife', platform: 'browser', target: 'es2020',
    outfile, sourcemap: 'external', logLevel: 'warning',
  });
  return readFileSync(outfile, 'utf8').replace(/\/\/# sourceMappingURL=app\.js\.map\s*$/, '');
}
