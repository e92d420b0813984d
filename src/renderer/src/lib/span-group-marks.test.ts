import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../../shared/api-types';
import { buildWaterfall } from './span-groups';
import { hiddenSpanKeys, markTitles, problemMarksBySpan, visibleRows } from './span-group-rows';

function span(spanId: string, parentSpanId: string | null, op: string, name: string, startMs: number): TraceSpan {
  return { spanId, parentSpanId, projectId: 1, op, name, status: 'ok', startMs, endMs: startMs + 5, transactionEventId: 'tx', data: {} };
}

/** GET /authors with 20 identical queries (an N+1), autogrouped into one closed row. */
const spans = [span('root', null, 'http.server', 'GET /authors', 0),
  ...Array.from({ length: 20 }, (_, i) => span(`q${i}`, 'root', 'db', 'SELECT * FROM posts WHERE author_id = $1', 4 + i * 7))];
const nPlusOne = { eventId: 'p1', title: 'N+1 Query', spanId: 'root', offenderSpanIds: spans.slice(1).map((s) => s.spanId!) };

describe('performance marks on waterfall rows', () => {
  it('marks a closed group that hides an N+1\'s offending spans, once, as it carries their errors', () => {
    const rows = visibleRows(buildWaterfall(spans), { collapsedSpans: new Set(), expandedGroups: new Set() });
    const group = rows.find((r) => r.node.kind === 'siblings');
    expect(group?.node.kind).toBe('siblings');
    if (!group || group.node.kind === 'span') return;
    const marks = problemMarksBySpan([nPlusOne]);
    expect(markTitles(hiddenSpanKeys(group.node), marks)).toEqual(['N+1 Query']);
    // The transaction's row keeps its mark too.
    expect(markTitles(['root'], marks)).toEqual(['N+1 Query']);
  });

  it('tells two issues of one title apart and leaves unmarked spans bare', () => {
    const other = { eventId: 'p2', title: 'N+1 Query', spanId: 'root', offenderSpanIds: ['q3'] };
    const marks = problemMarksBySpan([nPlusOne, other]);
    expect(markTitles(['root'], marks)).toEqual(['N+1 Query', 'N+1 Query']);
    expect(markTitles(['q3', 'q4'], marks)).toHaveLength(2);
    expect(markTitles(['elsewhere'], marks)).toBeUndefined();
  });
});
