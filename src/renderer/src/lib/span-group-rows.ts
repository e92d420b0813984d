/**
 * The waterfall's visible rows from its grouped tree (see span-groups.ts), the spans a group row
 * stands for, the stretches its bar draws, and what to open so a linked span shows.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/performance/newTraceDetails/traceModels/traceTreeNode/utils.tsx
 */
import type { TraceSpan } from '../../../shared/api-types';
import type { GroupNode, WaterfallModel, WaterfallNode } from './span-groups';

export interface WaterfallRow {
  key: string;
  node: WaterfallNode;
  depth: number;
  /** Whether its children show: a span is open unless collapsed, a group closed unless expanded. */
  open: boolean;
  /** Spans directly beneath (a sibling group counts its members): the count on a closed toggle. */
  childCount: number;
}

/** What the user folded: spans start open, groups start closed (as in Sentry). */
export interface FoldState {
  collapsedSpans: ReadonlySet<string>;
  expandedGroups: ReadonlySet<string>;
}

function childSpanCount(children: readonly WaterfallNode[]): number {
  let n = 0;
  for (const c of children) n += c.kind === 'siblings' ? c.members.length : 1;
  return n;
}

/** Depth-first rows of what is open; O(visible rows), iterative. */
export function visibleRows(model: WaterfallModel, fold: FoldState): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  const stack: { node: WaterfallNode; depth: number }[] = [];
  for (let i = model.roots.length - 1; i >= 0; i--) stack.push({ node: model.roots[i]!, depth: 0 });
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, depth } = item;
    let kids: readonly WaterfallNode[];
    let open: boolean;
    let childCount: number;
    if (node.kind === 'span') {
      open = !fold.collapsedSpans.has(node.key);
      kids = open ? node.children : [];
      childCount = childSpanCount(node.children);
    } else {
      open = fold.expandedGroups.has(node.key);
      kids = open ? node.expandedChildren : node.collapsedChildren;
      childCount = node.members.length;
    }
    rows.push({ key: node.key, node, depth, open, childCount });
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, depth: depth + 1 });
  }
  return rows;
}

/**
 * The spans and groups to open so the span `key` has a row: its folded ancestors, and the groups
 * it is inside. Empty when it shows already or is unknown.
 */
export function revealPath(model: WaterfallModel, key: string, fold: FoldState): { spans: string[]; groups: string[] } {
  const spans: string[] = [];
  const groups: string[] = [];
  let child = key;
  for (let parent = model.parentOf.get(key); parent; child = parent.key, parent = model.parentOf.get(parent.key)) {
    if (parent.kind === 'span') {
      if (fold.collapsedSpans.has(parent.key)) spans.push(parent.key);
    } else if (parent.kind === 'siblings' || parent.members[0]?.key === child) {
      if (!fold.expandedGroups.has(parent.key)) groups.push(parent.key);
    } else {
      // A chain's tail's children: under the tail when the chain is open, which must be too.
      const tail = parent.members[parent.members.length - 1]!;
      if (fold.expandedGroups.has(parent.key) && fold.collapsedSpans.has(tail.key)) spans.push(tail.key);
    }
  }
  return { spans, groups };
}

const hiddenCache = new WeakMap<GroupNode, string[]>();

/**
 * Keys of the spans a closed group row hides (its members and, for siblings, their descendants;
 * a chain's tail's children keep their rows): its markers add up their errors.
 */
export function hiddenSpanKeys(group: GroupNode): string[] {
  const cached = hiddenCache.get(group);
  if (cached) return cached;
  const keys: string[] = [];
  if (group.kind === 'chain') for (const m of group.members) keys.push(m.key);
  else {
    const stack: WaterfallNode[] = [...group.members];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.kind === 'span') { keys.push(node.key); stack.push(...node.children); } else stack.push(...node.members);
    }
  }
  hiddenCache.set(group, keys);
  return keys;
}

/** The members' first start and last end (epoch ms); null when none has a time. */
export function groupExtent(group: GroupNode): { startMs: number; endMs: number } | null {
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const { span } of group.members) {
    if (span.startMs === null) continue;
    startMs = Math.min(startMs, span.startMs);
    endMs = Math.max(endMs, span.endMs ?? span.startMs);
  }
  return Number.isFinite(startMs) ? { startMs, endMs } : null;
}

/**
 * The stretches of time the members run, overlapping or touching ones merged, as Sentry draws an
 * autogroup's bar. Gaps shorter than `minGapMs` merge too, so 10,000 members draw a few hundred.
 */
export function groupSegments(group: GroupNode, minGapMs = 0): [number, number][] {
  const times = group.members.map((m) => m.span).filter((s): s is TraceSpan & { startMs: number } => s.startMs !== null)
    .map((s) => [s.startMs, Math.max(s.startMs, s.endMs ?? s.startMs)] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of times) {
    const last = out[out.length - 1];
    if (last && start - last[1] <= minGapMs) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** The sum of the members' own durations ("150 spans, 180 ms in all"). */
export function groupTotalMs(group: GroupNode): number {
  let total = 0;
  for (const { span } of group.members) if (span.startMs !== null && span.endMs !== null) total += Math.max(0, span.endMs - span.startMs);
  return total;
}

/**
 * The time the axis covers: the spans' first start to last end, as Sentry's trace view bounds it
 * by its spans and transactions. Logs and errors outside it do not stretch it (they are drawn at
 * the edge or listed beside); null without a timed span.
 */
export function spanWindow(spans: readonly TraceSpan[]): { startMs: number; endMs: number } | null {
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const s of spans) {
    if (s.startMs === null) continue;
    startMs = Math.min(startMs, s.startMs);
    endMs = Math.max(endMs, s.endMs ?? s.startMs);
  }
  return Number.isFinite(startMs) ? { startMs, endMs } : null;
}

/** A group's members, longest first (spans without an end last): the details' "slowest" list. */
export function slowestMembers(group: GroupNode, limit: number): { key: string; span: TraceSpan; durationMs: number | null }[] {
  const timed = group.members.map((m) => ({
    key: m.key, span: m.span, durationMs: m.span.startMs !== null && m.span.endMs !== null ? Math.max(0, m.span.endMs - m.span.startMs) : null,
  }));
  timed.sort((a, b) => (b.durationMs ?? -1) - (a.durationMs ?? -1));
  return timed.slice(0, limit);
}

/** A performance issue's mark on a waterfall row: `id` tells two issues of one title apart. */
export interface ProblemMark { id: string; title: string }

/**
 * The rows a trace's performance issues mark, as Sentry's trace view attaches an issue to its
 * transaction and to its offending spans: the transaction's root span, and every offending span
 * (so a closed group that hides them carries the mark, as it carries their errors).
 */
export function problemMarksBySpan(problems: readonly { eventId: string; title: string; spanId: string | null; offenderSpanIds: readonly string[] }[]): Map<string, ProblemMark[]> {
  const map = new Map<string, ProblemMark[]>();
  for (const p of problems) {
    const mark = { id: p.eventId, title: p.title };
    for (const key of new Set([...(p.spanId ? [p.spanId] : []), ...p.offenderSpanIds])) {
      const list = map.get(key);
      if (list) list.push(mark); else map.set(key, [mark]);
    }
  }
  return map;
}

/** The titles of the issues marking any of `keys`, each issue once (a group hiding 20 offenders of one N+1 shows one mark). */
export function markTitles(keys: Iterable<string>, marks: ReadonlyMap<string, readonly ProblemMark[]> | undefined): string[] | undefined {
  if (!marks) return undefined;
  const byId = new Map<string, string>();
  for (const key of keys) for (const m of marks.get(key) ?? []) byId.set(m.id, m.title);
  return byId.size > 0 ? [...byId.values()] : undefined;
}
