import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ExplanationNode } from './types';
import { GROUPING_CONFIG_ID, computeGrouping, eventTitle } from './index';
import { captureEach, captureThrown, captureWithNodeSdk } from './test-support/node-sdk';
import { checkoutFlow, countDown, insideLibrary, refundFlow, startService } from './test-support/throwers';

// Node keeps 10 frames by default; the whole stack keeps the frames comparable between captures.
const defaultStackLimit = Error.stackTraceLimit;
beforeAll(() => {
  Error.stackTraceLimit = 100;
});
afterAll(() => {
  Error.stackTraceLimit = defaultStackLimit;
});

function find(node: ExplanationNode, id: string): ExplanationNode[] {
  const own = node.id === id ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((child) => find(child, id))];
}

describe('grouping events from the real @sentry/node SDK', () => {
  it('gives one error thrown three times from the same place identical hashes', async () => {
    const events = await captureEach([1, 2, 3].map((attempt) => () => checkoutFlow(`card declined, attempt ${attempt}`)));
    const groupings = events.map(computeGrouping);
    expect(groupings[0]?.hashes.length).toBeGreaterThan(0);
    expect(groupings[1]?.hashes).toEqual(groupings[0]?.hashes);
    expect(groupings[2]?.hashes).toEqual(groupings[0]?.hashes);
    expect(groupings[0]?.config).toBe(GROUPING_CONFIG_ID);
  });

  it('separates the same error type thrown from two call sites', async () => {
    const events = await captureEach([checkoutFlow, refundFlow].map((flow) => () => flow('card declined')));
    const [checkout, refund] = events.map(computeGrouping);
    expect(checkout?.hashes).not.toEqual(refund?.hashes);
    expect(checkout?.hashes.some((hash) => refund?.hashes.includes(hash))).toBe(false);
  });

  it('ignores the message when the stack trace groups, whatever ids it carries', async () => {
    const messages = ['card 4242 declined for 3f2b7e0a-64a1-4f2e-9d1b-2c5e8f7a9b10', 'card 1881 declined for ann@example.com'];
    const events = await captureEach(messages.map((message) => () => checkoutFlow(message)));
    const [first, second] = events.map(computeGrouping);
    expect(second?.hashes).toEqual(first?.hashes);
    const value = find(first?.variants[0]?.explanation as ExplanationNode, 'value')[0];
    expect(value).toMatchObject({ contributes: false, hint: 'ignored because stacktrace takes precedence' });
  });

  describe('without stack frames', () => {
    beforeAll(() => {
      Error.stackTraceLimit = 0;
    });
    afterAll(() => {
      Error.stackTraceLimit = 100;
    });

    it('groups by type and parameterized value, so numbers, UUIDs and emails do not split', async () => {
      const messages = [
        'order 1234 for 3f2b7e0a-64a1-4f2e-9d1b-2c5e8f7a9b10 rejected by ann@example.com',
        'order 98 for 0d9c1a52-7e3b-4a11-8c6f-5b2e9d3f4a70 rejected by bob@example.org',
        'order declined by the bank',
      ];
      const events = await captureEach(messages.map((message) => () => checkoutFlow(message)));
      expect(events[0]?.exception?.values?.[0]?.stacktrace).toBeUndefined();
      const [first, second, third] = events.map(computeGrouping);
      expect(second?.hashes).toEqual(first?.hashes);
      expect(third?.hashes).not.toEqual(first?.hashes);
      const value = find(first?.variants[0]?.explanation as ExplanationNode, 'value')[0];
      expect(value).toMatchObject({ contributes: true, values: ['order <int> for <uuid> rejected by <email>'] });
    });
  });

  it('groups frame-less messages by their parameterized text', async () => {
    const messages = ['Retrying job 17 after 250ms', 'Retrying job 3 after 1200ms', 'Giving up on job 3'];
    const events = await captureWithNodeSdk((scope) => messages.map((message) => scope.captureMessage(message)), { attachStacktrace: false });
    const [first, second, third] = events.map(computeGrouping);
    expect(events).toHaveLength(3);
    expect(second?.hashes).toEqual(first?.hashes);
    expect(third?.hashes).not.toEqual(first?.hashes);
    expect(first?.variants[0]?.explanation.children?.[0]).toMatchObject({ id: 'message', values: ['Retrying job <int> after <duration>'] });
  });

  it('groups messages sent with the SDK default synthetic stack trace by the calling code, as Sentry does', async () => {
    const messages = ['Retrying job 17 after 250ms', 'Giving up on job 3'];
    const events = await captureWithNodeSdk((scope) => messages.map((message) => scope.captureMessage(message)));
    expect(events[0]?.exception?.values?.[0]?.mechanism?.synthetic).toBe(true);
    const [first, second] = events.map(computeGrouping);
    expect(second?.hashes).toEqual(first?.hashes);
    const message = find(first?.variants[0]?.explanation as ExplanationNode, 'message')[0];
    expect(message).toMatchObject({ contributes: false, hint: 'ignored because exception of app/system takes precedence' });
  });

  it("takes a message's culprit from its transaction, as for any event, and from its stack without one", async () => {
    const [inRequest, alone] = await captureWithNodeSdk((scope) => {
      const request = scope.clone();
      request.setTransactionName('GET /slow');
      return [request.captureMessage('slow response'), scope.captureMessage('slow response')];
    });
    expect(inRequest?.exception?.values?.[0]?.mechanism?.synthetic).toBe(true);
    expect(eventTitle(inRequest!)).toMatchObject({ title: 'slow response', culprit: 'GET /slow' });
    expect(eventTitle(alone!).culprit).toBeTruthy();
    expect(eventTitle(alone!).culprit).not.toBe('GET /slow');
  });

  it('counts a recursive call once, so the recursion depth does not split issues', async () => {
    const events = await captureEach([3, 7].map((depth) => () => countDown(depth)));
    const [shallow, deep] = events.map(computeGrouping);
    expect(deep?.hashes).toEqual(shallow?.hashes);
    const frames = find(deep?.variants[0]?.explanation as ExplanationNode, 'frame').filter((frame) => frame.children?.some((child) => child.values?.[0] === 'countDown'));
    // Eight calls: seven from the recursive line (all but the first ignored), then the throwing one.
    expect(frames).toHaveLength(8);
    expect(frames.filter((frame) => frame.hint === 'ignored due to recursion')).toHaveLength(6);
  });

  it('keeps the app hash when only library frames differ', async () => {
    const entries = [createStore, create] as ((init: () => never) => unknown)[];
    const events = await captureEach(entries.map((enter) => () => insideLibrary(enter)));
    const libraryFrames = events.map((event) => event.exception?.values?.[0]?.stacktrace?.frames?.filter((frame) => frame.filename?.includes('/zustand/')).length);
    expect(libraryFrames[0]).toBeGreaterThan(0);
    expect(libraryFrames[1]).toBeGreaterThan(libraryFrames[0] ?? 0);
    const [vanilla, react] = events.map(computeGrouping);
    const app = (grouping: typeof vanilla) => grouping?.variants.find((variant) => variant.name === 'app');
    const system = (grouping: typeof vanilla) => grouping?.variants.find((variant) => variant.name === 'system');
    expect(app(vanilla)?.hash).toBeTruthy();
    expect(app(react)?.hash).toBe(app(vanilla)?.hash);
    expect(system(react)?.hash).not.toBe(system(vanilla)?.hash);
    expect(react?.hashes[0]).toBe(app(react)?.hash);
  });

  it('hashes a cause chain (linkedErrors) per exception, outer error first, like Sentry', async () => {
    const chained = await captureThrown(startService);
    const alone = await captureThrown(startService, { linkedErrors: false });
    expect(chained.exception?.values?.map((exception) => exception.type)).toEqual(['SyntaxError', 'Error']);
    const grouping = computeGrouping(chained);
    const chain = find(grouping.variants[0]?.explanation as ExplanationNode, 'chained-exception')[0];
    expect(chain?.children?.map((exception) => find(exception, 'type')[0]?.values?.[0])).toEqual(['Error', 'SyntaxError']);
    expect(alone.exception?.values).toHaveLength(1);
    expect(grouping.hashes).not.toEqual(computeGrouping(alone).hashes);
  });

  it('explains the grouping in a JSON-serialisable tree', async () => {
    const grouping = computeGrouping(await captureThrown(() => checkoutFlow('card declined')));
    const app = grouping.variants.find((variant) => variant.name === 'app') as { explanation: ExplanationNode };
    expect(JSON.parse(JSON.stringify(grouping))).toEqual(grouping);
    const frames = find(app.explanation, 'frame');
    const thrower = frames.at(-1);
    expect(thrower?.children?.map((child) => [child.id, child.values?.[0]])).toEqual([
      ['module', 'throwers.ts'],
      ['filename', 'throwers.ts'],
      ['function', 'chargeCard'],
      ['context-line', 'throw new PaymentError(message);'],
    ]);
    expect(thrower?.children?.[1]).toMatchObject({ contributes: false, hint: 'ignored because module takes precedence' });
    expect(frames.some((frame) => frame.hint === 'non app frame' && !frame.contributes)).toBe(true);
  });
});
