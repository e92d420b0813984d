import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import type { ExplanationNode } from './types';
import { computeGrouping, eventTitle } from './index';
import { captureEach } from './test-support/node-sdk';
import { manyFailures, numberedFailures, sameFailureTwice } from './test-support/throwers';

// AggregateError is what @sentry/node reports as an exception group (`is_exception_group`).

function typesInOrder(node: ExplanationNode): string[] {
  if (node.id === 'type') return node.values ?? [];
  return (node.children ?? []).flatMap(typesInOrder);
}

describe('exception groups from the real @sentry/node SDK', () => {
  it('keeps one of each distinct top-level exception, then the group itself', async () => {
    const [event] = await captureEach([manyFailures]);
    const sent = (event as SentryEvent).exception?.values;
    expect(sent?.map((exception) => exception.type)).toEqual(['RangeError', 'TypeError', 'AggregateError']);
    expect(sent?.at(-1)?.mechanism?.is_exception_group).toBe(true);
    const app = computeGrouping(event as SentryEvent).variants[0]?.explanation as ExplanationNode;
    expect(app.children?.[0]?.id).toBe('chained-exception');
    // Sentry sorts the top-level exceptions by type, descending, and appends the group.
    expect(typesInOrder(app)).toEqual(['TypeError', 'RangeError', 'AggregateError']);
    expect(eventTitle(event as SentryEvent).title).toBe('AggregateError: several things failed');
  });

  it('reduces a group of identical exceptions to one, which also titles the event', async () => {
    const [event] = await captureEach([sameFailureTwice]);
    const app = computeGrouping(event as SentryEvent).variants[0]?.explanation as ExplanationNode;
    expect(app.children?.[0]?.id).toBe('exception');
    expect(typesInOrder(app)).toEqual(['TypeError']);
    expect(eventTitle(event as SentryEvent).title).toBe('TypeError: bad input');
  });

  it('counts exceptions differing only in parameterized parts as the same', async () => {
    const [event] = await captureEach([numberedFailures]);
    const app = computeGrouping(event as SentryEvent).variants[0]?.explanation as ExplanationNode;
    expect(typesInOrder(app)).toEqual(['TypeError']);
    expect(eventTitle(event as SentryEvent).title).toBe('TypeError: bad input 1');
  });

  it('groups the same exception group thrown twice together, apart from a different group', async () => {
    const [first, second, other] = (await captureEach([manyFailures, manyFailures, sameFailureTwice])).map(computeGrouping);
    expect(second?.hashes).toEqual(first?.hashes);
    expect(other?.hashes).not.toEqual(first?.hashes);
  });
});
