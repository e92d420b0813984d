import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../../shared/api-types';
import { buildWaterfall, type GroupNode } from './span-groups';
import { groupSegments, groupTotalMs, hiddenSpanKeys, revealPath, spanWindow, visibleRows, type FoldState } from './span-group-rows';

function span(spanId: string, parentSpanId: string | null, op: string | null, name: string | null, startMs: number, endMs = startMs + 2): TraceSpan {
  return { spanId, parentSpanId, projectId: 1, op, name, status: 'ok', startMs, endMs, transactionEventId: null, data: {} };
}

const closed: FoldState = { collapsedSpans: new Set(), expandedGroups: new Set() };
const open = (...groups: string[]): FoldState => ({ collapsedSpans: new Set(), expandedGroups: new Set(groups) });

/** Rows as `key@depth`, a group as `ag(kind ×count)@depth`. */
function shape(spans: TraceSpan[], fold: FoldState = closed): string[] {
  return visibleRows(buildWaterfall(spans), fold).map((r) =>
    r.node.kind === 'span' ? `${r.key}@${r.depth}` : `${r.node.kind}×${r.node.members.length}@${r.depth}`);
}

/** A root with `n` identical `db.query` children `q0…`, 3 ms apart. */
function loop(n: number, extra: TraceSpan[] = []): TraceSpan[] {
  return [span('root', null, 'http.server', 'GET /', 0, 1000), ...Array.from({ length: n }, (_, i) => span(`q${i}`, 'root', 'db.query', 'SELECT 1', 10 + i * 3)), ...extra];
}

describe('sibling autogroups (Sentry: 5 or more neighbours of one op and description)', () => {
  it('leaves 4 identical siblings alone and groups 5', () => {
    expect(shape(loop(4))).toEqual(['root@0', 'q0@1', 'q1@1', 'q2@1', 'q3@1']);
    expect(shape(loop(5))).toEqual(['root@0', 'siblings×5@1']);
  });

  it('shows the members beneath the group when it is expanded, one level deeper', () => {
    expect(shape(loop(5), open('ag:q0'))).toEqual(['root@0', 'siblings×5@1', 'q0@2', 'q1@2', 'q2@2', 'q3@2', 'q4@2']);
    const rows = visibleRows(buildWaterfall(loop(5)), open('ag:q0'));
    expect(rows[1]).toMatchObject({ open: true, childCount: 5 });
    // The root's toggle counts spans, a group standing for its 5.
    expect(rows[0]!.childCount).toBe(5);
  });

  it('is broken by a different span between the runs', () => {
    const spans = loop(6);
    spans.splice(4, 0, span('other', 'root', 'cache.get', 'k', 18));
    // q0 q1 q2 | other | q3 q4 q5: neither run reaches 5.
    expect(shape(spans)).toEqual(['root@0', 'q0@1', 'q1@1', 'q2@1', 'other@1', 'q3@1', 'q4@1', 'q5@1']);
  });

  it('groups only the run of matching siblings among mixed ones', () => {
    const spans = [
      span('root', null, 'http.server', 'GET /', 0, 500),
      span('a', 'root', 'db.query', 'SELECT name FROM users', 1),
      ...Array.from({ length: 6 }, (_, i) => span(`b${i}`, 'root', 'db.query', 'SELECT id FROM orders', 10 + i)),
      ...Array.from({ length: 5 }, (_, i) => span(`c${i}`, 'root', 'http.client', 'GET /x', 30 + i)),
      span('d', 'root', 'db.query', 'SELECT id FROM orders', 60),
    ];
    expect(shape(spans)).toEqual(['root@0', 'a@1', 'siblings×6@1', 'siblings×5@1', 'd@1']);
  });

  it('needs an op (Sentry\'s op-less "default" never groups) and keeps transactions apart', () => {
    const opless = [span('root', null, 'http.server', 'GET /', 0, 99), ...Array.from({ length: 5 }, (_, i) => span(`n${i}`, 'root', null, 'x', i))];
    expect(shape(opless)).toHaveLength(6);
    const txns = loop(5).map((s, i) => ({ ...s, transactionEventId: i === 0 ? 'root-event' : `child-event-${i}` }));
    expect(shape(txns)).toHaveLength(6);
  });

  it('compares descriptions with their numbers as ?, naming such a group by that shape', () => {
    const spans = [span('root', null, 'http.server', 'GET /', 0, 99), ...Array.from({ length: 6 }, (_, i) => span(`q${i}`, 'root', 'db.query', `SELECT * FROM rows WHERE shard = ${i % 3}`, i))];
    const group = (buildWaterfall(spans).roots[0] as { children: GroupNode[] }).children[0]!;
    expect(group).toMatchObject({ kind: 'siblings', name: 'SELECT * FROM rows WHERE shard = ?' });
    expect(group.members).toHaveLength(6);
    expect((buildWaterfall(loop(5)).roots[0] as { children: GroupNode[] }).children[0]!.name).toBe('SELECT 1');
    const words = [span('root', null, 'http.server', 'GET /', 0, 99), ...['load a', 'load b', 'load c', 'load d', 'load e'].map((n, i) => span(`w${i}`, 'root', 'fn', n, i))];
    expect(shape(words)).toHaveLength(6);
  });

  it('groups repeated siblings that have children, which show under each member when expanded', () => {
    const spans = loop(5, Array.from({ length: 5 }, (_, i) => span(`h${i}`, `q${i}`, 'http.client', `fetch ${i}`, 11 + i * 3, 12 + i * 3)));
    expect(shape(spans)).toEqual(['root@0', 'siblings×5@1']);
    expect(shape(spans, open('ag:q0')).slice(0, 5)).toEqual(['root@0', 'siblings×5@1', 'q0@2', 'h0@3', 'q1@2']);
    const group = buildWaterfall(spans).roots[0]!;
    expect(group.kind === 'span' && group.children[0]?.kind === 'siblings' && hiddenSpanKeys(group.children[0]).length).toBe(10);
  });
});

describe('parent autogroups (a chain of single children of one op)', () => {
  const chain = [
    span('root', null, 'http.server', 'GET /', 0, 100),
    span('m1', 'root', 'middleware', 'cors', 1, 90), span('m2', 'm1', 'middleware', 'auth', 2, 80), span('m3', 'm2', 'middleware', 'body', 3, 70),
    span('h', 'm3', 'function', 'handler', 4, 60), span('h2', 'm3', 'function', 'render', 61, 69),
  ];

  it('collapses the chain into one row with the tail\'s children beneath; expanded it nests the chain', () => {
    expect(shape(chain)).toEqual(['root@0', 'chain×3@1', 'h@2', 'h2@2']);
    expect(shape(chain, open('ag:m1'))).toEqual(['root@0', 'chain×3@1', 'm1@2', 'm2@3', 'm3@4', 'h@5', 'h2@5']);
  });

  it('needs two spans of one op: a single child of another op ends it', () => {
    const short = [span('root', null, 'http.server', 'GET /', 0, 100), span('m1', 'root', 'middleware', 'a', 1, 9), span('f', 'm1', 'function', 'b', 2, 8)];
    expect(shape(short)).toEqual(['root@0', 'm1@1', 'f@2']);
  });

  it('nests groups: a sibling group under a chain\'s tail', () => {
    const nested = [...chain.slice(0, 4), ...Array.from({ length: 5 }, (_, i) => span(`q${i}`, 'm3', 'db.query', 'SELECT 1', 5 + i))];
    expect(shape(nested)).toEqual(['root@0', 'chain×3@1', 'siblings×5@2']);
    expect(shape(nested, open('ag:m1', 'ag:q0'))).toEqual(['root@0', 'chain×3@1', 'm1@2', 'm2@3', 'm3@4', 'siblings×5@5', 'q0@6', 'q1@6', 'q2@6', 'q3@6', 'q4@6']);
  });
});

describe('revealing a linked span', () => {
  it('opens the groups and folded spans it is inside, and nothing for a chain tail\'s children', () => {
    const spans = loop(5, Array.from({ length: 5 }, (_, i) => span(`h${i}`, `q${i}`, 'http.client', 'f', 11 + i * 3)));
    const model = buildWaterfall(spans);
    const fold: FoldState = { collapsedSpans: new Set(['root', 'q2']), expandedGroups: new Set() };
    expect(revealPath(model, 'h2', fold)).toEqual({ spans: ['q2', 'root'], groups: ['ag:q0'] });
    expect(revealPath(model, 'q1', open('ag:q0'))).toEqual({ spans: [], groups: [] });
    const chain = buildWaterfall([span('r', null, 'x', 'r', 0, 9), span('m1', 'r', 'mw', 'a', 1, 8), span('m2', 'm1', 'mw', 'b', 2, 7), span('t', 'm2', 'fn', 'c', 3, 4)]);
    expect(revealPath(chain, 't', closed)).toEqual({ spans: [], groups: [] });
    expect(revealPath(chain, 'm2', closed)).toEqual({ spans: [], groups: ['ag:m1'] });
  });
});

describe('the group bar and the axis', () => {
  it('draws the stretches the members ran, merging overlaps and gaps under the given size, and sums their time', () => {
    const spans = [span('r', null, 'x', 'r', 0, 100), ...[[10, 12], [11, 14], [20, 22], [22.5, 23], [40, 41]].map(([s, e], i) => span(`s${i}`, 'r', 'db', 'q', s!, e!))];
    const group = (buildWaterfall(spans).roots[0] as { children: GroupNode[] }).children[0]!;
    expect(groupSegments(group)).toEqual([[10, 14], [20, 22], [22.5, 23], [40, 41]]);
    expect(groupSegments(group, 1)).toEqual([[10, 14], [20, 23], [40, 41]]);
    expect(groupTotalMs(group)).toBe(2 + 3 + 2 + 0.5 + 1);
  });

  it('covers the spans only', () => {
    expect(spanWindow([span('a', null, 'x', 'a', 100, 425), span('b', 'a', 'x', 'b', 120, 130), { ...span('c', 'a', 'x', 'c', 0), startMs: null, endMs: null }]))
      .toEqual({ startMs: 100, endMs: 425 });
    expect(spanWindow([])).toBeNull();
  });
});

describe('building the model scales linearly', () => {
  /** Mixed shapes: repeated leaves, repeated spans with a child, middleware chains, and distinct spans. */
  function trace(n: number): TraceSpan[] {
    const spans: TraceSpan[] = [span('root', null, 'http.server', 'GET /big', 0, n)];
    for (let i = 0; spans.length < n; i++) {
      const kind = i % 4;
      const parent = kind === 3 && i > 3 ? `s${i - 1}` : 'root';
      spans.push(span(`s${i}`, parent, kind === 0 ? 'db.query' : kind === 1 ? 'http.client' : 'function', kind === 0 ? 'SELECT 1' : `call ${i}`, i, i + 1));
    }
    return spans;
  }
  const deep = (n: number) => Array.from({ length: n }, (_, i) => span(`d${i}`, i ? `d${i - 1}` : null, i ? 'middleware' : 'fn', `d${i}`, i, 2 * n - i));
  const flat = (n: number) => loop(n - 1);

  /** The fastest of a few runs (after a warm-up), so a busy machine's pauses do not count. */
  function bestMs(spans: TraceSpan[]): number {
    let best = Infinity;
    for (let run = 0; run < 11; run++) {
      const t0 = performance.now();
      visibleRows(buildWaterfall(spans), closed);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  }

  it.each([['mixed', trace], ['one 10,000-deep chain', deep], ['10,000 identical siblings', flat]])('%s: 10× the spans costs well under 100× the time', (_name, make) => {
    const small = make(1000);
    const big = make(10_000);
    bestMs(small); bestMs(big);
    const ratio = bestMs(big) / Math.max(bestMs(small), 0.05);
    // Linear is about 10× (n log n sorting a bit more); a quadratic step would be about 100×.
    expect(ratio).toBeLessThan(40);
    expect(visibleRows(buildWaterfall(big), closed).length).toBeLessThan(big.length);
  });
});
