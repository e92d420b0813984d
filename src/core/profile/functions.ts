import type { ProfileFrameInfo, ProfileFunction } from '../../shared/api-profile';
import { roundMs, type StackWeight } from './call-tree';
import { functionKey } from './frame-label';

/**
 * The slowest functions of one thread, by self time then total time. A function's total counts
 * each sample once, however often it recurses in that stack; self time is the leaf's.
 * `stacks` hold frame ids root first.
 */
export function slowestFunctions(frames: readonly ProfileFrameInfo[], stacks: readonly (readonly number[])[],
  weights: ReadonlyMap<number, StackWeight>, limit: number): ProfileFunction[] {
  const keyOf = new Map<number, string>();
  const byKey = new Map<string, ProfileFunction>();
  const fnOf = (frameId: number): ProfileFunction => {
    let key = keyOf.get(frameId);
    if (key === undefined) { key = functionKey(frames[frameId]!); keyOf.set(frameId, key); }
    let fn = byKey.get(key);
    if (!fn) { fn = { frame: frameId, selfMs: 0, totalMs: 0, selfSamples: 0, totalSamples: 0 }; byKey.set(key, fn); }
    return fn;
  };
  for (const [stackId, w] of weights) {
    const stack = stacks[stackId] ?? [];
    const seen = new Set<ProfileFunction>();
    for (const f of stack) {
      const fn = fnOf(f);
      if (seen.has(fn)) continue;
      seen.add(fn);
      fn.totalMs += w.ms;
      fn.totalSamples += w.samples;
    }
    const leaf = stack.at(-1);
    if (leaf !== undefined) {
      const fn = fnOf(leaf);
      fn.selfMs += w.ms;
      fn.selfSamples += w.samples;
    }
  }
  // Rounded first, so float noise in sample times does not order equal times.
  return [...byKey.values()]
    .map((f) => ({ ...f, selfMs: roundMs(f.selfMs), totalMs: roundMs(f.totalMs) }))
    .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs)
    .slice(0, limit);
}
