import * as Sentry from '@sentry/node';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { SimilarIssues } from '../src/shared/api-types';
import { similarity, similarityFeatures } from '../src/core/grouping/similarity';
import { lookoutForSdk } from './helpers/sdk-lookout';

const app = createRequire(import.meta.url)('./fixtures/app/checkout.cjs') as Record<'fromCart' | 'fromApi' | 'renderAvatar', (x: number) => never>;
const ctx = lookoutForSdk();

/** Throws through the app's code and answers the issue the SDK's event landed in. */
async function issueOf(fn: () => never): Promise<number> {
  let id = '';
  try { fn(); } catch (err) { id = Sentry.captureException(err); }
  await Sentry.flush(3000);
  return (await ctx.lookout.api<{ issueId: number }>(`events/${id}`)).issueId;
}

describe('similar issues', () => {
  it('scores frames, message words and type as sets, leaving out what neither has', () => {
    const a = similarityFeatures({ exception: { values: [{ type: 'Error', value: 'order 42 has no items', stacktrace: { frames: [
      { function: 'main', filename: 'app.js', in_app: true }, { function: 'lib', filename: 'node_modules/x.js', in_app: false },
      { function: 'validate', filename: '/src/app.js', in_app: true }] } }] } });
    expect([...a.frames]).toEqual(['main|app.js', 'validate|app.js']);
    expect([...a.words]).toEqual(['order', '<int>', 'has', 'no', 'items']);
    const b = similarityFeatures({ exception: { values: [{ type: 'Error', value: 'order 7 has items', stacktrace: { frames: [
      { function: 'validate', filename: 'app.js', in_app: true }, { function: 'other', filename: 'app.js', in_app: true }] } }] } });
    // stack 1/3, message 4/5, same type: (0.6/3 + 0.25·0.8 + 0.15) / 1
    expect(similarity(a, b)).toEqual({ score: expect.closeTo(0.55, 6) as number, stack: 1 / 3, message: 0.8, sameType: true });
    // Without a stack the type says little: the message decides; minified names make no stack.
    const fetchError = (value: string) => similarityFeatures({ exception: { values: [{ type: 'TypeError', value }] } });
    expect(similarity(fetchError('Failed to fetch'), fetchError('Load failed'))).toMatchObject({ score: 0.25, stack: null, sameType: true });
    const minified = (fn: string, value: string) => similarityFeatures({ exception: { values: [{ type: 'TypeError', value,
      stacktrace: { frames: [{ function: fn, filename: 'https://shop.test/assets/index-4f9a1c.js', in_app: true }] } }] } });
    expect(minified('e', 'x is undefined').frames.size).toBe(0);
    expect(similarity(minified('e', 'x is undefined'), minified('t', 'cart.total is null')).score).toBeLessThan(0.4);
    const logs = similarity(similarityFeatures({ message: 'disk full on /dev/sda1' }), similarityFeatures({ logentry: { formatted: 'disk full on /dev/sdb2' } }));
    expect(logs).toMatchObject({ stack: null, sameType: null, score: logs.message });
  });

  it('lists the issue reached by another route into the same failing code, not an unrelated one', async () => {
    const cart = await issueOf(() => app.fromCart(42));
    const api = await issueOf(() => app.fromApi(7));
    const avatar = await issueOf(() => app.renderAvatar(3));
    expect(new Set([cart, api, avatar]).size).toBe(3);
    const similar = await ctx.lookout.api<SimilarIssues>(`issues/${cart}/similar`);
    expect(similar).toMatchObject({ compared: 2, stoppedEarly: false });
    expect(similar.items.map((s) => s.issue.id)).toEqual([api]);
    const [found] = similar.items;
    expect(found).toMatchObject({ message: 1, sameType: true });
    expect(found!.stack).toBeGreaterThan(0.5);
    expect(found!.stack).toBeLessThan(1);
    const res = await fetch(`${ctx.lookout.url}/_lookout/api/issues/999999/similar`);
    expect(res.status).toBe(404);
  });
});
