import { PROFILE_MAX_FUNCTIONS, type ProfileAggregate, type ProfileFrameInfo, type ProfileProblem, type ProfileThread } from '../../shared/api-profile';
import { buildCallTree, roundMs, type StackWeight } from './call-tree';
import { frameKey } from './frame-label';
import { slowestFunctions } from './functions';
import type { ParsedProfile } from './parse-profile';
import { sampleWeights } from './weights';

export interface AggregateOptions {
  /** Call-tree nodes per thread; past it paths fold into their deepest kept node. */
  maxNodes?: number;
  /** Frames kept per stack, from the root; deeper frames fold into the last kept one. */
  maxDepth?: number;
  /** Only samples in this range (epoch ms) count: a trace's window over a profiler's chunks. */
  window?: { startMs: number; endMs: number };
  /**
   * The thread a transaction ran on (its trace context's `thread.id` data), shown first: chunks
   * carry every thread, and Sentry opens a transaction's continuous profile on this one.
   */
  activeThreadId?: string;
}

const MAX_NODES = 30_000;
const MAX_DEPTH = 1_000;

/** Frames and stacks of several payloads in one table: chunks of one profiler share functions. */
class Interner {
  readonly frames: ProfileFrameInfo[] = [];
  readonly stacks: number[][] = [];
  private frameIds = new Map<string, number>();
  private stackIds = new Map<string, number>();
  deepStacks = 0;

  constructor(private readonly maxDepth: number) {}

  frame(f: ProfileFrameInfo): number {
    const key = frameKey(f);
    let id = this.frameIds.get(key);
    if (id === undefined) { id = this.frames.length; this.frames.push(f); this.frameIds.set(key, id); }
    return id;
  }

  /** `leafFirst` as sent; stored root first, as a tree is walked. */
  stack(leafFirst: readonly number[], frameIds: readonly number[]): number {
    const rootFirst: number[] = [];
    for (let i = leafFirst.length - 1; i >= 0 && rootFirst.length < this.maxDepth; i--) rootFirst.push(frameIds[leafFirst[i]!]!);
    if (leafFirst.length > this.maxDepth) this.deepStacks++;
    const key = rootFirst.join(',');
    let id = this.stackIds.get(key);
    if (id === undefined) { id = this.stacks.length; this.stacks.push(rootFirst); this.stackIds.set(key, id); }
    return id;
  }
}

interface ThreadSamples { times: number[]; stacks: number[]; name: string | null }

function collect(profiles: readonly ParsedProfile[], interner: Interner, window: AggregateOptions['window']): Map<string, ThreadSamples> {
  const threads = new Map<string, ThreadSamples>();
  for (const p of profiles) {
    const frameIds = p.frames.map((f) => interner.frame(f));
    const stackIds = new Map<number, number>();
    const pairs = p.samples.filter((s) => !window || (s.t >= window.startMs && s.t <= window.endMs));
    for (const s of pairs) {
      let stack = stackIds.get(s.stack);
      if (stack === undefined) { stack = interner.stack(p.stacks[s.stack]!, frameIds); stackIds.set(s.stack, stack); }
      let thread = threads.get(s.thread);
      if (!thread) { thread = { times: [], stacks: [], name: null }; threads.set(s.thread, thread); }
      thread.name ??= p.threadNames.get(s.thread) ?? null;
      thread.times.push(s.t);
      thread.stacks.push(stack);
    }
  }
  return threads;
}

/** Sorts a thread's samples by time (chunks may come in any order) and weighs each stack. */
function weigh(samples: ThreadSamples): { weights: Map<number, StackWeight>; startMs: number; durationMs: number } {
  const order = samples.times.map((_, i) => i).sort((a, b) => samples.times[a]! - samples.times[b]! || a - b);
  const times = order.map((i) => samples.times[i]!);
  const w = sampleWeights(times);
  const weights = new Map<number, StackWeight>();
  let durationMs = 0;
  order.forEach((i, k) => {
    const stack = samples.stacks[i]!;
    const entry = weights.get(stack) ?? { ms: 0, samples: 0 };
    entry.ms += w[k]!;
    entry.samples++;
    weights.set(stack, entry);
    durationMs += w[k]!;
  });
  return { weights, startMs: times[0] ?? 0, durationMs };
}

/**
 * Turns parsed profiles (one `profile`, or the chunks of one profiler) into an aggregated call
 * tree and the slowest functions per thread. Each sample weighs the gap to the next sample on its
 * thread (see weights.ts). Input problems are carried into the answer, never thrown.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/
 */
export function aggregateProfiles(profiles: readonly ParsedProfile[], opts: AggregateOptions = {}, cap = Infinity): ProfileAggregate {
  const interner = new Interner(opts.maxDepth ?? MAX_DEPTH);
  const threadSamples = collect(profiles, interner, opts.window);
  const problems: ProfileProblem[] = profiles.flatMap((p) => p.problems);
  if (interner.deepStacks > 0) {
    problems.push({ code: 'deep_stacks', message: `${interner.deepStacks} stacks are deeper than ${opts.maxDepth ?? MAX_DEPTH} frames; their deepest frames are folded into the last one kept` });
  }
  const activeId = opts.activeThreadId ?? profiles.find((p) => p.activeThreadId !== null)?.activeThreadId ?? null;
  const busiest = [...threadSamples].sort((a, b) => b[1].times.length - a[1].times.length)[0]?.[0] ?? null;
  const active = activeId !== null && threadSamples.has(activeId) ? activeId : busiest;
  const threads: ProfileThread[] = [...threadSamples].map(([id, samples]) => {
    const { weights, startMs, durationMs } = weigh(samples);
    const tree = buildCallTree(interner.stacks, weights, opts.maxNodes ?? MAX_NODES);
    return { id, name: samples.name, active: id === active, sampleCount: samples.times.length, startMs: roundMs(startMs),
      durationMs: roundMs(durationMs), nodes: tree.nodes, nodesTruncated: tree.truncated,
      functions: slowestFunctions(interner.frames, interner.stacks, weights, PROFILE_MAX_FUNCTIONS) };
  });
  threads.sort((a, b) => Number(b.active) - Number(a.active) || b.sampleCount - a.sampleCount || a.id.localeCompare(b.id));
  const samplesTotal = profiles.reduce((n, p) => n + p.samplesSent, 0);
  const samplesProcessed = profiles.reduce((n, p) => n + p.samples.length, 0);
  const samplesCapped = samplesTotal > samplesProcessed && samplesProcessed >= cap;
  if (samplesCapped) {
    problems.push({ code: 'samples_capped', message: `only the first ${samplesProcessed.toLocaleString('en')} of ${samplesTotal.toLocaleString('en')} samples were processed` });
  }
  return { frames: interner.frames, threads, samplesTotal, samplesProcessed, samplesCapped, problems };
}
