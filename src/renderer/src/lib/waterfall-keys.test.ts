import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../../shared/api-types';
import { buildWaterfall } from './span-groups';
import { slowestMembers, visibleRows, type FoldState } from './span-group-rows';
import { stepRow, type StepKey } from './waterfall-keys';

function span(spanId: string | null, parentSpanId: string | null, op: string, startMs: number, endMs = startMs + 10): TraceSpan {
  return { spanId, parentSpanId, projectId: 1, op, name: spanId, status: 'ok', startMs, endMs, transactionEventId: null, data: {} };
}
const none: FoldState = { collapsedSpans: new Set(), expandedGroups: new Set() };

describe('moving through the visible rows by keyboard (a tree grid)', () => {
  // a ─┬ b ── d
  //    └ c        x (an orphan: its parent was not captured)
  const rows = visibleRows(buildWaterfall([span('c', 'a', 'op.c', 30), span('a', null, 'op.a', 0, 100), span('b', 'a', 'op.b', 10), span('d', 'b', 'op.d', 12), span('x', 'missing', 'op.x', 50)]), none);
  const keys = rows.map((r) => r.key);
  const step = (from: string | null, key: StepKey) => {
    const to = stepRow(rows, from === null ? -1 : keys.indexOf(from), key);
    return to === null ? null : keys[to];
  };

  it('goes down and up a row at a time, and to the first and last row', () => {
    expect(keys).toEqual(['a', 'b', 'd', 'c', 'x']);
    expect(step('a', 'ArrowDown')).toBe('b');
    expect(step('d', 'ArrowDown')).toBe('c');
    expect(step('c', 'ArrowUp')).toBe('d');
    expect([step('b', 'Home'), step('b', 'End')]).toEqual(['a', 'x']);
    // At an edge it stays.
    expect([step('a', 'ArrowUp'), step('x', 'ArrowDown'), step('a', 'Home')]).toEqual([null, null, null]);
  });

  it('starts from the top (↓, Home) or the bottom (↑, End) when nothing is selected', () => {
    expect([step(null, 'ArrowDown'), step(null, 'Home'), step(null, 'ArrowUp'), step(null, 'End')]).toEqual(['a', 'a', 'x', 'x']);
    expect(stepRow([], -1, 'ArrowDown')).toBeNull();
  });

  it('→ goes into an open row, ← from a leaf or a closed row to its parent; opening and closing stay with the row', () => {
    expect(step('b', 'ArrowRight')).toBe('d');
    expect(step('d', 'ArrowLeft')).toBe('b');
    expect(step('c', 'ArrowLeft')).toBe('a');
    // An open row's ← closes it (the row's own key), a leaf's → does nothing, a root has no parent.
    expect([step('b', 'ArrowLeft'), step('d', 'ArrowRight'), step('x', 'ArrowLeft')]).toEqual([null, null, null]);
    const folded = visibleRows(buildWaterfall([span('a', null, 'op.a', 0, 100), span('b', 'a', 'op.b', 10)]), { ...none, collapsedSpans: new Set(['a']) });
    expect(stepRow(folded, 0, 'ArrowRight')).toBeNull();
  });
});

describe('the model (what the old flat rows asserted)', () => {
  it('nests spans under their parents, siblings by start, orphans as roots; a folded span hides its descendants', () => {
    const spans = [span('c', 'a', 'op.c', 30), span('a', null, 'op.a', 0, 100), span('b', 'a', 'op.b', 10), span('d', 'b', 'op.d', 12), span('x', 'missing', 'op.x', 50)];
    const model = buildWaterfall(spans);
    expect(visibleRows(model, none).map((r) => [r.key, r.depth, r.childCount])).toEqual([['a', 0, 2], ['b', 1, 1], ['d', 2, 0], ['c', 1, 0], ['x', 0, 0]]);
    expect(visibleRows(model, { ...none, collapsedSpans: new Set(['a']) }).map((r) => r.key)).toEqual(['a', 'x']);
    expect(visibleRows(model, { ...none, collapsedSpans: new Set(['b']) }).map((r) => r.key)).toEqual(['a', 'b', 'c', 'x']);
  });

  it('places every span once even in a parent loop or with duplicate and missing ids', () => {
    const odd = [span('p', 'q', 'o1', 0), span('q', 'p', 'o2', 1), span('s', 's', 'o3', 2), span(null, null, 'o4', 3), span('p', null, 'o5', 4)];
    const rows = visibleRows(buildWaterfall(odd), none);
    expect(rows).toHaveLength(odd.length);
    expect(new Set(rows.map((r) => r.key)).size).toBe(odd.length);
  });

  it('handles 100,000 nested spans of different ops without recursion', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => span(`s${i}`, i ? `s${i - 1}` : null, `op${i % 2}`, i));
    expect(visibleRows(buildWaterfall(chain), none).at(-1)).toMatchObject({ key: 's99999', depth: 99_999 });
  });
});

describe('a group\'s slowest members', () => {
  it('lists the longest first, spans without an end last, at most as many as asked', () => {
    const spans = [span('r', null, 'http', 0, 500), ...[4, 9, 1, 7, 3].map((d, i) => span(`q${i}`, 'r', 'db', 10 + i * 20, 10 + i * 20 + d)),
      { ...span('q5', 'r', 'db', 200), endMs: null }];
    const model = buildWaterfall(spans.map((s) => ({ ...s, name: 'SELECT 1' })));
    const group = model.groups.get('ag:q0')!;
    expect(group.members).toHaveLength(6);
    expect(slowestMembers(group, 3).map((m) => [m.key, m.durationMs])).toEqual([['q1', 9], ['q3', 7], ['q0', 4]]);
    expect(slowestMembers(group, 10).at(-1)).toMatchObject({ key: 'q5', durationMs: null });
  });
});
