import type { ProfileNode } from '../../shared/api-profile';

/** Time and sample count that landed on one stack. */
export interface StackWeight { ms: number; samples: number }

/** Milliseconds kept to the microsecond: enough for any sampler, and a smaller answer. */
export const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Merges stacks (frame ids **root first**) weighted by their samples into one call tree. Past
 * `maxNodes` a new path stops at its deepest existing node, which takes its time as self time.
 * Returns nodes in depth-first pre-order with the heaviest child first; node 0 is the root.
 * Iterative throughout, so a stack thousands of frames deep cannot overflow the call stack.
 */
export function buildCallTree(stacks: readonly (readonly number[])[], weights: ReadonlyMap<number, StackWeight>,
  maxNodes: number): { nodes: ProfileNode[]; truncated: boolean } {
  const frame = [-1];
  const parent = [-1];
  const self = [0];
  const selfN = [0];
  const children: Map<number, number>[] = [new Map()];
  let truncated = false;
  for (const [stackId, w] of weights) {
    let node = 0;
    for (const f of stacks[stackId] ?? []) {
      let child = children[node]!.get(f);
      if (child === undefined) {
        if (frame.length >= maxNodes) { truncated = true; break; }
        child = frame.length;
        frame.push(f); parent.push(node); self.push(0); selfN.push(0); children.push(new Map());
        children[node]!.set(f, child);
      }
      node = child;
    }
    self[node]! += w.ms;
    selfN[node]! += w.samples;
  }
  // A child is always created after its parent, so one backward pass sums subtrees.
  const total = [...self];
  const totalN = [...selfN];
  for (let i = frame.length - 1; i > 0; i--) {
    total[parent[i]!]! += total[i]!;
    totalN[parent[i]!]! += totalN[i]!;
  }
  const nodes: ProfileNode[] = [];
  const todo: { old: number; parent: number; depth: number }[] = [{ old: 0, parent: -1, depth: 0 }];
  while (todo.length > 0) {
    const { old, parent: p, depth } = todo.pop()!;
    const index = nodes.length;
    nodes.push({ frame: frame[old]!, parent: p, depth, selfMs: roundMs(self[old]!), totalMs: roundMs(total[old]!),
      selfSamples: selfN[old]!, totalSamples: totalN[old]! });
    // Pushed lightest first so the heaviest child is popped (and laid out) first.
    const kids = [...children[old]!.values()].sort((a, b) => total[a]! - total[b]!);
    for (const k of kids) todo.push({ old: k, parent: index, depth: depth + 1 });
  }
  return { nodes, truncated };
}
