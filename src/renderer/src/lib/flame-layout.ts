import type { ProfileNode } from '../../../shared/api-profile';

/** One drawn box: node index, left edge and width as fractions of the zoomed node, row. */
export interface FlameRect { node: number; x: number; w: number; row: number }

/** The boxes to draw, and how many more were wide enough but over the cap. */
export interface FlameLayout { rects: FlameRect[]; hidden: number }

/**
 * Lays out the subtree of node `zoom` (nodes in pre-order, as the API sends them) as an icicle:
 * `zoom` spans the full width on row 0, each child sits under its parent after its earlier
 * siblings, as wide as its share of the time. Boxes narrower than `minWidth` (a fraction) are
 * left out with their subtrees. Over `maxRects`, the widest are kept (a box is never wider than
 * its parent, so no kept box loses its parent): cutting in pre-order dropped whole wide siblings
 * of a deep first subtree.
 */
export function layoutFlame(nodes: readonly ProfileNode[], zoom: number, minWidth: number, maxRects = 4000): FlameLayout {
  const top = nodes[zoom];
  if (!top || top.totalMs <= 0) return { rects: top ? [{ node: zoom, x: 0, w: 1, row: 0 }] : [], hidden: 0 };
  const scale = 1 / top.totalMs;
  const rects: FlameRect[] = [];
  // Where the next child of a placed node goes; pre-order means a node's parent is already placed.
  const cursor = new Map<number, number>();
  const placed = new Set<number>([zoom]);
  rects.push({ node: zoom, x: 0, w: 1, row: 0 });
  cursor.set(zoom, 0);
  for (let i = zoom + 1; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.depth <= top.depth) break; // left the zoomed subtree
    const at = cursor.get(n.parent);
    if (!placed.has(n.parent) || at === undefined) continue;
    const w = n.totalMs * scale;
    cursor.set(n.parent, at + w);
    if (w < minWidth) continue;
    rects.push({ node: i, x: at, w, row: n.depth - top.depth });
    placed.add(i);
    cursor.set(i, at);
  }
  if (rects.length <= maxRects) return { rects, hidden: 0 };
  const kept = [...rects].sort((a, b) => b.w - a.w || a.row - b.row || a.node - b.node).slice(0, maxRects);
  return { rects: kept.sort((a, b) => a.node - b.node), hidden: rects.length - maxRects };
}

/** The path from the root to `node`, root first (for the zoom breadcrumb). */
export function ancestorsOf(nodes: readonly ProfileNode[], node: number): number[] {
  const path: number[] = [];
  for (let i = node; i >= 0 && path.length <= nodes.length; i = nodes[i]?.parent ?? -1) path.push(i);
  return path.reverse();
}

/** "12.3 ms", "1.24 s": sample-based times are never more precise than 0.1 ms. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}
