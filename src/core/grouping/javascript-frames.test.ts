import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import type { ExplanationNode } from './types';
import { computeGrouping } from './index';
import { corpusEvent } from './test-support/corpus';
import { captureThrown } from './test-support/node-sdk';

function frames(event: SentryEvent, variant = 1): ExplanationNode[] {
  const walk = (node: ExplanationNode): ExplanationNode[] => (node.id === 'frame' ? [node] : (node.children ?? []).flatMap(walk));
  return walk(computeGrouping(event).variants[variant]?.explanation as ExplanationNode);
}

const child = (frame: ExplanationNode | undefined, id: string) => frame?.children?.find((component) => component.id === id);

describe('JavaScript frames (React browser event from the corpus)', () => {
  const event = corpusEvent('envelope_javascript.txt');
  const [handler, forEach, evalFrame, processEvent, parse] = frames(event, 0);

  it('keeps the part of the function name after the last dot', () => {
    expect(child(handler, 'function')).toMatchObject({ values: ['m'], contributes: true, hint: 'trimmed javascript function' });
    expect(child(processEvent, 'function')).toMatchObject({ values: ['processEvent'], contributes: true });
  });

  it('drops eval frames and <anonymous> file names', () => {
    expect(evalFrame).toMatchObject({ contributes: false, hint: 'ignored low quality javascript frame' });
    for (const frame of [forEach, parse]) expect(child(frame, 'filename')).toMatchObject({ contributes: false, hint: 'ignored because filename is anonymous' });
  });

  it('ignores the function of a source-mapped frame that has a context line', () => {
    // As the symbolicator leaves a frame it mapped: `data.sourcemap` and the original line.
    const mapped = structuredClone(event);
    const frame = mapped.exception?.values?.[0]?.stacktrace?.frames?.[3];
    Object.assign(frame ?? {}, { context_line: '      const payload = JSON.parse(event.data);', data: { sourcemap: 'sentry-spotlight.js.map' } });
    const explained = frames(mapped, 0)[3];
    expect(child(explained, 'function')).toMatchObject({ contributes: false, hint: 'ignored because sourcemap used and context line available' });
    expect(child(explained, 'context-line')).toMatchObject({ contributes: true, values: ['const payload = JSON.parse(event.data);'] });
  });
});

describe('minified code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-grouping-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves context lines over 120 characters out, so minified code groups by file and function', async () => {
    // Not named .min.mjs: the SDK reads no context from files named so.
    const outfile = join(dir, 'throwers-bundle.mjs');
    buildSync({ entryPoints: [join(import.meta.dirname, 'test-support/throwers.ts')], bundle: true, minify: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent' });
    const minified = (await import(pathToFileURL(outfile).href)) as typeof import('./test-support/throwers');
    const event = await captureThrown(() => minified.checkoutFlow('card declined'));
    const thrower = frames(event).at(-1);
    expect(event.exception?.values?.[0]?.stacktrace?.frames?.at(-1)?.context_line?.length).toBeGreaterThan(120);
    expect(child(thrower, 'context-line')).toMatchObject({ contributes: false, hint: 'ignored because line is too long' });
    expect(thrower?.contributes).toBe(true);
  });
});
