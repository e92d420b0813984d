/**
 * rrweb-player's browser build and stylesheet, read from node_modules for the HTML report.
 * The package exports only its ESM/CJS entry and `dist/style.css`; the UMD file (which defines
 * the global `rrwebPlayer`) sits next to the CJS entry in `dist/`.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PACKAGE = '@sentry-internal/rrweb-player';
const UMD_FILES = ['rrweb-player.umd.min.cjs', 'rrweb-player.umd.cjs'];

let cached: { js: string; css: string } | null = null;

/** Reads (once) and returns the player's UMD JavaScript and CSS. Throws if the package is missing. */
export function loadPlayerAssets(): { js: string; css: string } {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve(PACKAGE));
  const umd = UMD_FILES.map((f) => join(dist, f)).find((p) => existsSync(p));
  if (!umd) throw new Error(`${PACKAGE}: no UMD build (${UMD_FILES.join(' or ')}) found in ${dist}`);
  const js = readFileSync(umd, 'utf8');
  const css = readFileSync(require.resolve(`${PACKAGE}/dist/style.css`), 'utf8');
  cached = { js, css };
  return cached;
}
