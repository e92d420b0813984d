import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { MAX_DEPTH, trimEvent } from './trim-event';

/** `{ extra: { a: { a: … } } }` with `levels` objects under the event, the last one holding `leaf`. */
function nested(levels: number, leaf: unknown, asArrays = false): SentryEvent {
  let node: unknown = leaf;
  for (let i = 0; i < levels; i++) node = asArrays ? [node] : { a: node };
  return { event_id: 'e'.repeat(32), extra: node as Record<string, unknown> } as SentryEvent;
}

/** The value `steps` levels below `extra`. */
function down(event: SentryEvent, steps: number, asArrays = false): unknown {
  let node: unknown = event.extra;
  for (let i = 0; i < steps; i++) node = asArrays ? (node as unknown[])[0] : (node as Record<string, unknown>).a;
  return node;
}

describe('trimEvent depth cap', () => {
  it.each([false, true])('keeps nesting down to MAX_DEPTH and replaces what lies deeper (arrays: %s)', (asArrays) => {
    const event = nested(MAX_DEPTH + 5, 'leaf', asArrays);
    expect(trimEvent(event, 1000)).toBe(true);
    // The event is depth 1, `extra` depth 2: the container at depth MAX_DEPTH keeps only a marker.
    const deepest = down(event, MAX_DEPTH - 2, asArrays);
    expect(typeof deepest).toBe('object');
    expect(down(event, MAX_DEPTH - 1, asArrays)).toBe('[truncated: nested too deep]');
  });

  it('leaves an event within the limit untouched and says so', () => {
    const event = nested(MAX_DEPTH - 5, { x: [1, { y: 'z' }] }); // the innermost object at depth MAX_DEPTH - 1
    const before = JSON.stringify(event);
    expect(trimEvent(event, 1000)).toBe(false);
    expect(JSON.stringify(event)).toBe(before);
  });
});
