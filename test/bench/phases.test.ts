import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGenerator } from '../../bench/generator.mjs';
import { latencyPhase } from '../../bench/phase-latency.mjs';
import { scalePhase } from '../../bench/phase-scale.mjs';
import { emptyStoreBytes, throughputPhase } from '../../bench/phase-throughput.mjs';
import { workloads } from '../../bench/payloads.mjs';

// The bench's phases end to end on tiny settings, against the real servers it compares: the null
// server, the fsync floor, Spotlight's sidecar and `lookout serve`. No speed is asserted here
// (`npm run bench` measures it); what is checked is that every server under test acknowledges
// every envelope and, for the two with a live stream, shows every acknowledged event on it.

const ROOT = resolve(__dirname, '../..');
const log = () => undefined;
const lookout = { extraArgs: ['--max-events', '100000000', '--max-bytes', '1000000000000', '--max-age-days', '3650'] };
let gen: Awaited<ReturnType<typeof startGenerator>>;

interface Cpu { totalUs: number; mainUs: number; cores: number }
/** One server's run in a round, as the phases record it (run.mjs's JSON). */
interface Run {
  failed: number; acked: number; sent: number; statuses: Record<string, number>; envelopesPerSec: number; bytesPerEnvelope?: number;
  cpu: { server: Cpu; loadgen: Cpu };
  latency: { count: number }; sse: { count: number; missing: number } | null;
}
const firstRound = (phase: { rounds: object[] }) => phase.rounds[0] as Record<string, Run>;

beforeAll(async () => {
  // Lookout runs from its build; build it when missing or stale.
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  gen = await startGenerator();
  await gen.run({ cmd: 'prepare', workloads: ['error8k'] });
}, 180_000);

afterAll(() => gen?.close());

describe('bench phases', () => {
  it('throughput: null, Spotlight and Lookout each acknowledge every envelope; Lookout stores them', async () => {
    const baseBytes = await emptyStoreBytes(lookout);
    const cfg = { rounds: 1, warmupMs: 100, durationMs: 600, connections: 4, lookout };
    const phase = await throughputPhase(gen, 'error8k', workloads().error8k, cfg, baseBytes, log);
    const round = firstRound(phase);
    for (const kind of ['null', 'spotlight', 'lookout'] as const) {
      expect(round[kind]!.failed, `${kind}: ${JSON.stringify(round[kind]!.statuses)}`).toBe(0);
      expect(round[kind]!.acked).toBeGreaterThan(0);
      expect(phase.median[kind]).toBe(round[kind]!.envelopesPerSec);
    }
    expect(phase.ratioVsSpotlight).toBeCloseTo(round.lookout!.envelopesPerSec / round.spotlight!.envelopesPerSec, 10);
    // An 8 KB event takes space in the store (compressed, so well under its size).
    expect(round.lookout!.bytesPerEnvelope).toBeGreaterThan(100);
    expect(round.lookout!.bytesPerEnvelope).toBeLessThan(8_000);
    // CPU per envelope over the measured window: every server spent some, a process's main thread
    // no more than all its threads; Lookout prepares on a worker, so its main thread is not all of it.
    for (const kind of ['null', 'spotlight', 'lookout'] as const) {
      const { server, loadgen } = round[kind]!.cpu;
      expect(server.totalUs, kind).toBeGreaterThan(0);
      expect(server.mainUs, kind).toBeLessThanOrEqual(server.totalUs);
      expect(server.cores, kind).toBeGreaterThan(0);
      expect(loadgen.totalUs, kind).toBeGreaterThan(0);
      expect(phase.cpu[kind]?.totalUs).toBe(server.totalUs);
    }
    expect(round.lookout!.cpu.server.mainUs).toBeLessThan(round.lookout!.cpu.server.totalUs);
  }, 120_000);

  it('latency: every server answers every scheduled send, and Spotlight and Lookout stream every acknowledged event', async () => {
    const cfg = { latencyRounds: 1, rate: 200, latencyMs: 600, warmupMs: 100, lookout };
    const phase = await latencyPhase(gen, cfg, log);
    const round = firstRound(phase);
    for (const kind of ['null', 'fsync', 'spotlight', 'lookout'] as const) {
      expect(round[kind]!.failed, `${kind}: ${JSON.stringify(round[kind]!.statuses)}`).toBe(0);
      expect(round[kind]!.sent).toBe(140);
      expect(round[kind]!.latency.count).toBe(120);
    }
    for (const kind of ['spotlight', 'lookout'] as const) expect(round[kind]!.sse).toMatchObject({ count: 120, missing: 0 });
    // CPU over the measured sends, per event: every server and the generator spent some, and the
    // one round is its own median.
    const median = phase.median as Record<string, { cpu: Cpu & { loadgenUs: number } }>;
    for (const kind of ['null', 'fsync', 'spotlight', 'lookout'] as const) {
      const { server, loadgen } = round[kind]!.cpu;
      expect(server.totalUs, kind).toBeGreaterThan(0);
      expect(server.mainUs, kind).toBeLessThanOrEqual(server.totalUs);
      expect(loadgen.totalUs, kind).toBeGreaterThan(0);
      expect(median[kind]!.cpu).toEqual({ ...server, loadgenUs: loadgen.totalUs });
    }
  }, 120_000);

  it('scale: the timed queries find what they time (a full first page, filtered rows, search hits, event details)', async () => {
    const baseBytes = await emptyStoreBytes(lookout);
    const cfg = { scaleEvents: 400, scaleMaxMs: 0, connections: 4, queryRepeats: 3, restarts: 1, lookout };
    const scale = await scalePhase(gen, cfg, baseBytes, log);
    expect(scale.events).toBe(400);
    expect(scale.failed).toBe(0);
    // 400 events of 200 stack shapes: 200 issues, so the first page is full.
    expect(scale.queries.issues).toBe(100);
    expect(scale.queries.issueList.rows).toBe(50);
    expect(scale.queries.filteredPage.rows).toBeGreaterThan(0);
    // Each of the three searches finds issues.
    expect(scale.queries.search.rows).toBeGreaterThan(0);
    expect(scale.queries.eventDetail).not.toBeNull();
    expect(scale.startups).toHaveLength(1);
    expect(scale.rss.duringMax).toBeGreaterThan(10);
    expect(scale.bytesPerEvent).toBeGreaterThan(100);
  }, 120_000);
});
