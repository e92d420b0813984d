/**
 * The trace waterfall's tree with Sentry's autogrouping: spans nested by parent (siblings by start
 * time), where 5 or more consecutive siblings of one op and description become one sibling group,
 * and a chain of single children of one op becomes one parent ("chain") group.
 *
 * Facts followed (Sentry's trace view, `TraceTree.AutogroupSiblingSpanNodes` and
 * `AutogroupDirectChildrenSpanNodes`): a sibling group needs 5 matching neighbours, a chain 2 spans;
 * op-less spans (`default` in Sentry) and transactions never group; a chain collapsed shows its
 * tail's children beneath it, expanded its head (and so the whole chain).
 * Two deliberate differences, so a loop reads as one row as its author sees it: Sentry groups
 * only childless siblings with the very same description; Lookout groups siblings with children
 * too (a `db.query` that makes one `http.client` call each time round), and compares descriptions
 * with their numbers as `?` (`… WHERE shard = 0`, `… shard = 1`), naming the group that way.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/performance/newTraceDetails/traceModels/traceTree.tsx
 */
import type { TraceSpan } from '../../../shared/api-types';

/** Sentry's threshold: a run of fewer matching siblings stays as it is. */
export const SIBLING_GROUP_MIN = 5;

export interface SpanNode {
  kind: 'span';
  key: string;
  span: TraceSpan;
  children: WaterfallNode[];
}

export interface GroupNode {
  kind: 'siblings' | 'chain';
  /** `ag:` and the first member's key: stable across refetches of a growing trace. */
  key: string;
  op: string;
  /** The members' shared description (siblings) or the head's (a chain). */
  name: string | null;
  /** Siblings in start order, or a chain from head to tail. */
  members: SpanNode[];
  /** Beneath the row when collapsed: nothing for siblings, a chain's tail's children. */
  collapsedChildren: WaterfallNode[];
  /** Beneath the row when expanded: the siblings, or a chain's head (which nests the rest). */
  expandedChildren: WaterfallNode[];
}

export type WaterfallNode = SpanNode | GroupNode;

export interface WaterfallModel {
  roots: WaterfallNode[];
  /** The node each node shows under (absent for roots); what `revealPath` walks up. */
  parentOf: ReadonlyMap<string, WaterfallNode>;
  /** Every span's node by key. */
  spans: ReadonlyMap<string, SpanNode>;
  /** Every group by its key (`ag:…`): what a selected group row's details read. */
  groups: ReadonlyMap<string, GroupNode>;
}

function byStart(a: SpanNode, b: SpanNode): number {
  return (a.span.startMs ?? Number.MAX_VALUE) - (b.span.startMs ?? Number.MAX_VALUE);
}

/**
 * Builds the tree once per fetch in O(n log n): every span is placed once (iteratively, so a
 * 10,000-deep chain neither recurses nor repeats, and a parent loop in odd data ends).
 */
export function buildWaterfall(spans: readonly TraceSpan[]): WaterfallModel {
  const nodes = new Map<string, SpanNode>();
  const ordered: SpanNode[] = [];
  spans.forEach((span, i) => {
    const key = span.spanId && !nodes.has(span.spanId) ? span.spanId : `#${i}`;
    const node: SpanNode = { kind: 'span', key, span, children: [] };
    nodes.set(key, node);
    ordered.push(node);
  });
  const rawKids = new Map<SpanNode, SpanNode[]>();
  const parentSpan = new Map<SpanNode, SpanNode>();
  const rootSpans: SpanNode[] = [];
  for (const node of ordered) {
    const parentId = node.span.parentSpanId;
    const parent = parentId && parentId !== node.key ? nodes.get(parentId) : undefined;
    if (!parent) { rootSpans.push(node); continue; }
    parentSpan.set(node, parent);
    const list = rawKids.get(parent);
    if (list) list.push(node); else rawKids.set(parent, [node]);
  }
  for (const list of rawKids.values()) list.sort(byStart);

  /** Transactions and spans without a captured parent keep their own row, as in Sentry. */
  const canGroup = (node: SpanNode): boolean => {
    const op = node.span.op;
    if (!op || op === 'default') return false;
    const parent = parentSpan.get(node);
    if (!parent) return false;
    return node.span.transactionEventId === null || node.span.transactionEventId === parent.span.transactionEventId;
  };

  const placed = new Set<SpanNode>();
  const parentOf = new Map<string, WaterfallNode>();
  const groups = new Map<string, GroupNode>();
  const jobs: { raw: SpanNode[]; out: WaterfallNode[]; owner: WaterfallNode | null }[] = [];
  const arrange = (raw: SpanNode[], out: WaterfallNode[], owner: WaterfallNode | null): void => {
    const items: WaterfallNode[] = [];
    for (const node of raw) {
      if (placed.has(node)) continue;
      placed.add(node);
      const chain = chainFrom(node);
      if (chain) {
        items.push(chain);
        continue;
      }
      items.push(node);
      jobs.push({ raw: rawKids.get(node) ?? [], out: node.children, owner: node });
    }
    for (const item of groupSiblings(items, canGroup)) {
      out.push(item);
      if (owner) parentOf.set(item.key, owner);
      if (item.kind !== 'span') groups.set(item.key, item);
      if (item.kind === 'siblings') for (const m of item.members) parentOf.set(m.key, item);
    }
  };

  /** The chain of single children of `head`'s op that starts at `head`, when there is one. */
  const chainFrom = (head: SpanNode): GroupNode | null => {
    if (!canGroup(head)) return null;
    const members = [head];
    for (let tail = head; ;) {
      const kids = rawKids.get(tail) ?? [];
      const next = kids[0];
      if (kids.length !== 1 || !next || placed.has(next) || !canGroup(next) || next.span.op !== head.span.op) break;
      placed.add(next);
      members.push(next);
      tail = next;
    }
    if (members.length < 2) return null;
    const tail = members[members.length - 1]!;
    const group: GroupNode = {
      kind: 'chain', key: `ag:${head.key}`, op: head.span.op ?? '', name: head.span.name, members,
      collapsedChildren: tail.children, expandedChildren: [head],
    };
    parentOf.set(head.key, group);
    for (let i = 1; i < members.length; i++) {
      const prev = members[i - 1]!;
      prev.children.push(members[i]!);
      parentOf.set(members[i]!.key, prev);
    }
    // Its tail's children show under the group (collapsed) or the tail (expanded): either way
    // revealing one needs no expanding, so they count as the group's.
    jobs.push({ raw: rawKids.get(tail) ?? [], out: tail.children, owner: group });
    return group;
  };

  const roots: WaterfallNode[] = [];
  arrange([...rootSpans].sort(byStart), roots, null);
  for (let job = jobs.pop(); job; job = jobs.pop()) arrange(job.raw, job.out, job.owner);
  // Spans caught in a parent loop are reachable from no root: list them at the top level.
  if (placed.size < ordered.length) {
    arrange(ordered.filter((n) => !placed.has(n)), roots, null);
    for (let job = jobs.pop(); job; job = jobs.pop()) arrange(job.raw, job.out, job.owner);
  }
  return { roots, parentOf, spans: nodes, groups };
}

/** Runs of `SIBLING_GROUP_MIN` or more neighbouring spans of one op and description, as one group each. */
function groupSiblings(items: WaterfallNode[], canGroup: (n: SpanNode) => boolean): WaterfallNode[] {
  if (items.length < SIBLING_GROUP_MIN) return items;
  const out: WaterfallNode[] = [];
  let i = 0;
  while (i < items.length) {
    const first = items[i]!;
    let end = i + 1;
    const shape = first.kind === 'span' ? descriptionShape(first.span.name) : null;
    if (first.kind === 'span' && canGroup(first)) {
      while (end < items.length) {
        const next = items[end]!;
        if (next.kind !== 'span' || !canGroup(next) || next.span.op !== first.span.op || descriptionShape(next.span.name) !== shape) break;
        end++;
      }
    }
    if (first.kind === 'span' && end - i >= SIBLING_GROUP_MIN) {
      const members = items.slice(i, end) as SpanNode[];
      const same = members.every((m) => m.span.name === first.span.name);
      out.push({ kind: 'siblings', key: `ag:${first.key}`, op: first.span.op ?? '', name: same ? first.span.name : shape, members, collapsedChildren: [], expandedChildren: members });
    } else {
      for (let j = i; j < end; j++) out.push(items[j]!);
    }
    i = end;
  }
  return out;
}

/** A description with its numbers (and hex ids) as `?`: what a loop's spans share. */
export function descriptionShape(name: string | null): string | null {
  return name === null ? null : name.replace(/\b0x[0-9a-f]+\b|\b[0-9a-f]{8,}(?:-[0-9a-f]{4,})*\b|\d+(?:\.\d+)?/gi, '?');
}
