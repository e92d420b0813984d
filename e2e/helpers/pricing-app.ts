import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The shop's pricing module: `lineTotal` throws for the gift card, a line without a price. */
export const PRICING = [
  '// Prices are in cents; a line without a price is a bug upstream.',
  'export function lineTotal(line) {',
  '  const unit = line.price.amount;',
  '  return unit * line.qty;',
  '}',
  '',
  'export function cartTotal(lines) {',
  '  return lines.reduce((sum, line) => sum + lineTotal(line), 0);',
  '}',
  '',
].join('\n');

export const MAIN = [
  "import { cartTotal } from './pricing.js';",
  "const cart = [{ price: { amount: 250 }, qty: 2 }, { sku: 'gift-card', qty: 1 }];",
  "document.getElementById('pay').textContent = `Pay ${cartTotal(cart)}`;",
  '',
].join('\n');

/**
 * esbuild's minified IIFE of the shop ending in `//# sourceMappingURL=app.js.map`, with its map.
 * Nothing of the build stays on disk: Lookout can only get it from the dev server.
 */
export async function buildPricingBundle(sourcesContent = true): Promise<{ js: string; map: string }> {
  const root = mkdtempSync(join(tmpdir(), 'lookout-e2e-pricing-'));
  try {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'pricing.js'), PRICING);
    writeFileSync(join(root, 'src', 'main.js'), MAIN);
    const outfile = join(root, 'dist', 'static', 'app.js');
    await build({ entryPoints: [join(root, 'src', 'main.js')], outfile, bundle: true, minify: true, format: 'iife', sourcemap: true, sourcesContent, logLevel: 'silent' });
    return { js: readFileSync(outfile, 'utf8'), map: readFileSync(`${outfile}.map`, 'utf8') };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
