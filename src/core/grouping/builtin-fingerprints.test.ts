import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { computeGrouping } from './index';

const frame = (fn: string, file: string, lineno: number) => ({ function: fn, filename: file, abs_path: `http://localhost:3000/${file}`, lineno, in_app: true });

function jsError(type: string, value: string, frames: ReturnType<typeof frame>[], extra: Partial<SentryEvent> = {}): SentryEvent {
  return { platform: 'javascript', exception: { values: [{ type, value, stacktrace: { frames } }] }, ...extra };
}

describe("Sentry's built-in fingerprint rules (javascript@2024-02-02)", () => {
  it('puts every ChunkLoadError in one issue, by type or by value, whatever the stack', () => {
    const byType = computeGrouping(jsError('ChunkLoadError', 'Loading chunk 5 failed.', [frame('loadChunk', 'app.js', 10)]));
    const byValue = computeGrouping(jsError('Error', 'ChunkLoadError: Loading chunk 17 failed.', [frame('other', 'vendor.js', 99)]));
    // Sentry's snapshot of this rule hashes to md5("chunkloaderror").
    expect(byType.hashes).toEqual(['5d731dcf8ecc4f042eeacf528d8d8da9']);
    expect(byValue.hashes).toEqual(byType.hashes);
    expect(byType.variants[0]).toMatchObject({ name: 'built-in-fingerprint', contributes: true });
    expect(byType.variants.slice(1).every((v) => !v.contributes)).toBe(true);
  });

  it('groups a React hydration error by page (transaction), not by stack', () => {
    const hydration = 'Hydration failed because the initial UI does not match what was rendered on the server.';
    const cart = (fn: string) => computeGrouping(jsError('Error', hydration, [frame(fn, 'react-dom.js', 1)], { transaction: '/cart' }));
    const checkout = computeGrouping(jsError('Error', hydration, [frame('a', 'react-dom.js', 1)], { transaction: '/checkout' }));
    expect(cart('a').hashes).toEqual(cart('b').hashes);
    expect(checkout.hashes).not.toEqual(cart('a').hashes);
    expect(cart('a').variants[0]?.explanation.values).toEqual(['hydrationerror', '/cart']);
    // Without a transaction the rule does not apply (Sentry's tags.transaction:"*").
    expect(computeGrouping(jsError('Error', hydration, [frame('a', 'react-dom.js', 1)])).variants[0]?.name).not.toBe('built-in-fingerprint');
  });

  it('leaves other platforms alone, and yields to a fingerprint the SDK sent', () => {
    expect(computeGrouping({ ...jsError('ChunkLoadError', 'x', [frame('f', 'a.py', 1)]), platform: 'python' }).variants[0]?.name).not.toBe('built-in-fingerprint');
    const custom = computeGrouping(jsError('ChunkLoadError', 'x', [frame('f', 'a.js', 1)], { fingerprint: ['my-chunks'] }));
    expect(custom.variants[0]?.name).toBe('custom-fingerprint');
    expect(computeGrouping({ ...jsError('ChunkLoadError', 'x', [frame('f', 'a.js', 1)]), platform: 'node' }).hashes).toEqual(['5d731dcf8ecc4f042eeacf528d8d8da9']);
  });
});

describe('low-quality JavaScript frames', () => {
  it("drop a frame whose abs_path is [native code], but not one that only names it as its filename (as Sentry reads abs_path)", () => {
    const event = (f: Record<string, unknown>): SentryEvent => ({ platform: 'javascript', stacktrace: { frames: [f] } });
    const named = computeGrouping(event({ function: 'forEach', filename: '[native code]' }));
    // Sentry's snapshot (frame_ignores_safari_native_code): the function alone, md5("forEach").
    expect(named.variants.find((v) => v.name === 'system')?.hash).toBe('30eb5001914d29dd8461898b5b8094fe');
    const dropped = computeGrouping(event({ function: 'forEach', filename: '[native code]', abs_path: '[native code]' }));
    expect(dropped.variants.find((v) => v.name === 'system')?.contributes).toBe(false);
  });
});
