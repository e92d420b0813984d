import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EnvelopeError, parseEnvelope } from '../ingest/envelope';
import { frameInfo } from './frame-label';
import { profileFromPayloads } from './index';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/protocol/spotlight/', import.meta.url));

function profileItem(file: string): Buffer {
  const item = parseEnvelope(readFileSync(CORPUS + file)).items.find((i) => i.headers.type === 'profile');
  if (!item) throw new Error(`${file} holds no profile item`);
  return item.payload;
}

/** The profile's own numbers, counted here without the aggregation's code. */
function rawFacts(payload: Buffer) {
  const p = JSON.parse(payload.toString('utf8')) as { profile: { samples: { elapsed_since_start_ns: string; stack_id: number }[]; stacks: number[][] } };
  const t = p.profile.samples.map((s) => Number(s.elapsed_since_start_ns) / 1e6);
  return { samples: p.profile.samples, stacks: p.profile.stacks, first: t[0]!, last: t.at(-1)! };
}

describe.each(['enveplope_browser_js_profile.bin', 'application_x_sentry_envelope-1701423930091.txt'])('%s (sample format v1, @sentry/react)', (file) => {
  const payload = profileItem(file);
  const facts = rawFacts(payload);

  it('aggregates every sample of the main thread, the time adding up to the profile', () => {
    const started = performance.now();
    const { aggregate: a, parsed } = profileFromPayloads([{ data: payload, label: file }]);
    const took = performance.now() - started;
    expect(took).toBeLessThan(500);
    expect(a.problems).toEqual([]);
    expect(parsed[0]).toMatchObject({ version: 1, platform: 'javascript', activeThreadId: '0' });
    expect(a.threads).toHaveLength(1);
    const t = a.threads[0]!;
    expect(t).toMatchObject({ id: '0', name: 'main', active: true, sampleCount: facts.samples.length });
    // Every gap of this profile is under the cap, so the time is first→last plus the last sample's.
    const root = t.nodes[0]!;
    expect(root.totalMs).toBeCloseTo(t.durationMs, 3);
    expect(t.durationMs).toBeGreaterThan(facts.last - facts.first);
    expect(t.durationMs).toBeLessThan(facts.last - facts.first + 100);
    // Self times add up to the total, and a child never outweighs its parent.
    expect(t.nodes.reduce((n, x) => n + x.selfMs, 0)).toBeCloseTo(root.totalMs, 1);
    for (const n of t.nodes.slice(1)) expect(n.totalMs).toBeLessThanOrEqual(t.nodes[n.parent]!.totalMs + 1e-6);
  });

  it('reads stacks leaf first: the last frame of a stack is a root of the tree, the first its leaf', () => {
    const { aggregate: a } = profileFromPayloads([{ data: payload, label: file }]);
    const t = a.threads[0]!;
    const frames = (JSON.parse(payload.toString('utf8')) as { profile: { frames: unknown[] } }).profile.frames.map((f) => frameInfo(f).name);
    const stack = facts.stacks[facts.samples[0]!.stack_id]!;
    const rootNames = t.nodes.filter((n) => n.depth === 1).map((n) => a.frames[n.frame]!.name);
    expect(rootNames).toContain(frames[stack.at(-1)!]);
    const deepest = t.nodes.filter((n) => n.depth === stack.length);
    expect(deepest.map((n) => a.frames[n.frame]!.name)).toContain(frames[stack[0]!]);
    // The slowest function by self time is a leaf of some sample's stack.
    const leaves = new Set(facts.samples.map((s) => frames[facts.stacks[s.stack_id]![0]!]));
    expect(leaves.has(a.frames[t.functions[0]!.frame]!.name)).toBe(true);
  });
});

describe('profile_chunk_1.txt (sample format v2, sentry.cocoa; the fixture is truncated)', () => {
  const bytes = readFileSync(CORPUS + 'profile_chunk_1.txt');

  it('is refused by the envelope parser, and the bytes present still aggregate with exact times', () => {
    expect(() => parseEnvelope(bytes)).toThrow(EnvelopeError);
    const lines = bytes.toString('utf8').split('\n');
    const { aggregate: a, parsed } = profileFromPayloads([{ data: lines[2], label: 'chunk' }]);
    expect(parsed[0]).toMatchObject({ version: 2, profilerId: '71bba98d90b545c39f2ae73f702d7ef4', platform: 'cocoa' });
    const t = a.threads[0]!;
    expect(t).toMatchObject({ id: '259', name: 'main', sampleCount: 7, startMs: 1724770811503, durationMs: 70 });
    // 7 samples 10 ms apart climbing to setupSentry and back: [main] [UIApp] [did…] [setup] [did…] [UIApp] [main].
    expect(t.nodes.map((n) => [n.frame < 0 ? '<root>' : a.frames[n.frame]!.name, n.selfMs, n.totalMs])).toEqual([
      ['<root>', 0, 70], ['_main', 20, 70], ['UIApplicationMain', 20, 50],
      ['-[AppDelegate application:didFinishLaunchingWithOptions:]', 20, 30], ['-[AppDelegate setupSentry]', 10, 10],
    ]);
    expect(a.frames.find((f) => f.name === 'UIApplicationMain')).toMatchObject({ module: 'UIKit', inApp: false });
  });

  it('cut where the declared length would end it, it is an error object naming the chunk', () => {
    const lines = bytes.toString('utf8').split('\n');
    const { aggregate: a } = profileFromPayloads([{ data: lines[2]!.slice(0, 1200), label: 'profile_chunk_1' }]);
    expect(a.threads).toEqual([]);
    expect(a.problems).toEqual([{ code: 'not_json', message: expect.stringMatching(/^profile_chunk_1: the payload \(1,200 characters\) is not JSON/) as unknown }]);
  });
});
