import { describe, expect, it } from 'vitest';
import { profileFromPayloads } from './index';
import type { ProfileAggregate, ProfileThread } from '../../shared/api-profile';

const FRAMES = [
  { function: 'main', filename: 'app.js', lineno: 1 },
  { function: 'work', filename: 'app.js', lineno: 10 },
  { function: 'leafA', module: 'lib', lineno: 20 },
  { function: 'leafB', filename: 'b.js', lineno: 30 },
];
// Leaf first, as the spec has it: [work, main] is work called by main.
const STACKS = [[0], [1, 0], [2, 1, 0], [3, 0]];

function v1(samples: [ms: number, stack: number, thread?: string][], extra: Record<string, unknown> = {}) {
  return {
    version: '1', platform: 'node', timestamp: '2025-01-01T00:00:00.000Z',
    transaction: { id: 'a'.repeat(32), name: 'GET /', trace_id: 'b'.repeat(32), active_thread_id: '1' },
    profile: {
      samples: samples.map(([ms, stack, thread]) => ({ elapsed_since_start_ns: String(ms * 1_000_000), stack_id: stack, thread_id: thread ?? '1' })),
      stacks: STACKS, frames: FRAMES, thread_metadata: { 1: { name: 'main' }, 2: { name: 'worker' } },
    },
    ...extra,
  };
}

function aggregate(...payloads: unknown[]): ProfileAggregate {
  return profileFromPayloads(payloads.map((data, i) => ({ data, label: `payload ${i + 1}` }))).aggregate;
}

/** The tree as `name self/total` lines, indented by depth. */
function treeOf(a: ProfileAggregate, t: ProfileThread): string[] {
  return t.nodes.map((n) => `${'  '.repeat(n.depth)}${n.frame < 0 ? '<root>' : a.frames[n.frame]!.name} ${n.selfMs}/${n.totalMs} (${n.selfSamples}/${n.totalSamples})`);
}

describe('aggregated call tree', () => {
  it('weighs each sample by the gap to the next one on its thread, the last by the typical interval', () => {
    // Gaps 10, 20, 10, 10: median 10, so the last sample weighs 10 ms. 60 ms in all.
    const a = aggregate(v1([[0, 1], [10, 2], [30, 2], [40, 3], [50, 0]]));
    const t = a.threads[0]!;
    expect(t).toMatchObject({ id: '1', name: 'main', active: true, sampleCount: 5, durationMs: 60 });
    expect(t.startMs).toBe(Date.parse('2025-01-01T00:00:00.000Z'));
    expect(treeOf(a, t)).toEqual([
      '<root> 0/60 (0/5)',
      '  main 10/60 (1/5)',
      '    work 10/40 (1/3)',
      '      leafA 30/30 (2/2)',
      '    leafB 10/10 (1/1)',
    ]);
    expect(t.functions.map((f) => [a.frames[f.frame]!.name, f.selfMs, f.totalMs, f.selfSamples, f.totalSamples])).toEqual([
      ['leafA', 30, 30, 2, 2], ['main', 10, 60, 1, 5], ['work', 10, 40, 1, 3], ['leafB', 10, 10, 1, 1],
    ]);
    expect(a.frames[2]).toMatchObject({ name: 'leafA', module: 'lib', line: 20 });
    expect(a.problems).toEqual([]);
  });

  it('caps a gap where the profiler was not sampling at ten typical intervals', () => {
    const a = aggregate(v1([[0, 2], [10, 2], [20, 2], [1000, 3]]));
    // 10 + 10 + min(980, 100) + 10 (last).
    expect(a.threads[0]!.durationMs).toBe(130);
    expect(a.threads[0]!.functions.map((f) => [a.frames[f.frame]!.name, f.selfMs])).toEqual([['leafA', 120], ['leafB', 10], ['main', 0], ['work', 0]]);
  });

  it('keeps threads apart, sorts samples sent out of order, and counts a recursive function once per sample', () => {
    const p = v1([[20, 1, '2'], [0, 1, '2'], [10, 2, '2'], [0, 0], [5, 0]]);
    (p.profile.stacks as number[][]).push([0, 1, 0]); // main → work → main
    p.profile.samples.push({ elapsed_since_start_ns: '10000000', stack_id: 4, thread_id: '1' });
    const a = aggregate(p);
    const [main, worker] = a.threads;
    expect(main).toMatchObject({ id: '1', active: true, sampleCount: 3, durationMs: 15 });
    expect(worker).toMatchObject({ id: '2', name: 'worker', active: false, sampleCount: 3, durationMs: 30 });
    // Recursion: main is in every sample of thread 1 once; its total is the thread's.
    const fnMain = main!.functions.find((f) => a.frames[f.frame]!.name === 'main')!;
    expect(fnMain).toMatchObject({ totalMs: 15, totalSamples: 3, selfMs: 15, selfSamples: 3 });
    expect(treeOf(a, main!)).toEqual(['<root> 0/15 (0/3)', '  main 10/15 (2/3)', '    work 0/5 (0/1)', '      main 5/5 (1/1)']);
  });

  it('merges the chunks of one profiler (v2, absolute timestamps) and cuts them to a window', () => {
    const chunk = (t0: number, stack: number) => ({
      version: '2', profiler_id: 'c'.repeat(32), chunk_id: String(t0), platform: 'javascript',
      profile: { samples: [0, 1, 2].map((i) => ({ timestamp: t0 + i * 0.01, stack_id: stack, thread_id: '0' })), stacks: STACKS, frames: FRAMES, thread_metadata: {} },
    });
    const r = profileFromPayloads([{ data: chunk(100.03, 3), label: 'b' }, { data: chunk(100, 2), label: 'a' }], { window: { startMs: 100_000, endMs: 100_045 } });
    const t = r.aggregate.threads[0]!;
    expect(t.sampleCount).toBe(5);
    expect(r.aggregate.frames.filter((f) => f.name === 'leafA')).toHaveLength(1);
    expect(t.durationMs).toBeCloseTo(50, 6);
    expect(t.functions.slice(0, 2).map((f) => [r.aggregate.frames[f.frame]!.name, Math.round(f.selfMs)])).toEqual([['leafA', 30], ['leafB', 20]]);
  });
});

describe('malformed input', () => {
  it('says what is wrong with a payload cut short, and still shows the others', () => {
    const whole = JSON.stringify(v1([[0, 2], [10, 2]]));
    const r = profileFromPayloads([{ data: Buffer.from(whole.slice(0, whole.length / 2)), label: 'chunk 1' }, { data: whole, label: 'chunk 2' }]);
    expect(r.aggregate.problems[0]).toMatchObject({ code: 'not_json' });
    expect(r.aggregate.problems[0]!.message).toMatch(/^chunk 1: the payload .* is not JSON/);
    expect(r.aggregate.threads[0]!.sampleCount).toBe(2);
  });

  it('leaves out samples whose time no clock gives (1e308, before 1970), so a thread keeps finite times', () => {
    const chunk = {
      version: '2', profiler_id: 'c'.repeat(32), chunk_id: 'x', platform: 'javascript',
      profile: { samples: [100, 100.01, 1e308, -1000].map((timestamp) => ({ timestamp, stack_id: 2, thread_id: '0' })), stacks: STACKS, frames: FRAMES, thread_metadata: {} },
    };
    const a = aggregate(chunk);
    expect(a.problems.map((x) => x.code)).toEqual(['bad_samples']);
    expect(a.threads[0]).toMatchObject({ sampleCount: 2, durationMs: 20 });
    expect(JSON.parse(JSON.stringify(a)).threads[0].functions.every((f: { totalMs: unknown }) => typeof f.totalMs === 'number')).toBe(true);
  });

  it('drops samples and frames that point nowhere, and names other formats', () => {
    const p = v1([[0, 2], [10, 9], [20, 1]]);
    (p.profile.stacks as unknown[]).push([0, 77], 'x');
    p.profile.samples.push({ elapsed_since_start_ns: 'soon', stack_id: 0, thread_id: '1' });
    const a = aggregate(p);
    expect(a.problems.map((x) => x.code)).toEqual(['bad_stacks', 'bad_samples']);
    expect(a.threads[0]!.sampleCount).toBe(2);
    expect(aggregate({ sampled_profile: 'x' }).problems[0]!.code).toBe('unsupported_format');
    expect(aggregate({ profile: { samples: [] } }).problems[0]!.code).toBe('not_a_profile');
    expect(aggregate(42, null, 'text').problems.map((x) => x.code)).toEqual(['not_a_profile', 'not_a_profile', 'not_json']);
  });

  it('survives a stack 100,000 frames deep and caps the samples processed', () => {
    const frames = Array.from({ length: 100_000 }, (_, i) => ({ function: `f${i}` }));
    const deep = { version: '2', profile: { frames, stacks: [frames.map((_, i) => frames.length - 1 - i)],
      samples: Array.from({ length: 50 }, (_, i) => ({ timestamp: i / 100, stack_id: 0, thread_id: 't' })), thread_metadata: {} } };
    const r = profileFromPayloads([{ data: deep, label: 'deep' }], { maxSamples: 20 });
    expect(r.aggregate.problems.map((x) => x.code)).toEqual(['deep_stacks', 'samples_capped']);
    expect(r.aggregate).toMatchObject({ samplesTotal: 50, samplesProcessed: 20, samplesCapped: true });
    expect(r.aggregate.threads[0]!.nodes).toHaveLength(1001);
  });
});
