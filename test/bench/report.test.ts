import { describe, expect, it } from 'vitest';
import { checkTargets, formatMarkdown, formatReport } from '../../bench/report.mjs';
import { median, percentile, summarize } from '../../bench/stats.mjs';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles: p99 of 1..100 is 99, of 1..1000 is 990', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(Array.from({ length: 1000 }, (_, i) => i + 1), 99)).toBe(990);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toEqual({ count: 5, p50: 3, p90: 5, p99: 5, max: 5, mean: 3 });
  });

  it('medians ignore NaN (a run that measured nothing) but keep Infinity (a ratio over a server that acknowledged none)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, Number.NaN, 3])).toBe(2);
    expect(median([Infinity, Infinity, 2])).toBe(Infinity);
    expect(median([])).toBeNaN();
  });
});

type Throughput = Record<string, { label: string; unit: string; median: Record<string, number>; ratioVsNull: number; ratioVsSpotlight: number;
  bytesPerEnvelope: number; rounds: { lookout: { envelopesPerSec: number } }[];
  cpu?: Record<'null' | 'spotlight' | 'lookout', { totalUs: number; mainUs: number; cores: number; loadgenUs: number }> }>;

function workload(label: string, nul: number, spotlight: number, lookout: number, bytes: number): Throughput[string] {
  return { label, unit: 'events', median: { null: nul, spotlight, lookout }, ratioVsNull: lookout / nul,
    ratioVsSpotlight: spotlight ? lookout / spotlight : Number.NaN, bytesPerEnvelope: bytes, rounds: [{ lookout: { envelopesPerSec: lookout } }] };
}

/** A result shaped as run.mjs writes it; `patch` changes one figure. */
function result(patch: (r: ReturnType<typeof base>) => void = () => undefined) {
  const r = base();
  patch(r);
  return { ...r, targets: checkTargets(r) };
}

function base() {
  return {
    machine: { cpu: 'test cpu', cores: 2, memGb: 24, node: '20' }, quick: false,
    throughput: {
      error8k: workload('8 KB JS error', 8000, 2000, 5000, 1100),
      error50k: workload('50 KB error', 4000, 900, 1200, 12000),
      replay50k: workload('50 KB replay segment', 4000, 0, 1400, 9000),
    } as Throughput,
    latency: { rate: 500, median: {
      fsync: { p50: 1, p99: 3, max: 9, sse: null },
      lookout: { p50: 2, p99: 9.5, max: 20, sse: { p50: 0.1, p99: 1, max: 3 } },
    } },
    scale: { events: 1_000_000, bytesPerEvent: 1150, eventsPerSec: 2500, firstTenthRate: 2600, lastTenthRate: 2400, storeBytes: 1.1e9,
      rss: { before: 60, duringMedian: 200, duringMax: 210, after: 190, duringFirstTenth: 199, duringLastTenth: 201 },
      queries: { issueList: { firstMs: 4, medianMs: 2 }, filteredPage: { firstMs: 4, medianMs: 2 }, search: { firstMs: 2, medianMs: 1 }, eventDetail: { firstMs: 3, medianMs: 2 } },
      startupMs: 170, coldStartupMs: 200, startups: [170, 170, 171] },
  };
}

const verdict = (r: { targets: { name: string; ok: boolean | null }[] }, start: string) => r.targets.find((t) => t.name.startsWith(start))?.ok;

describe('bench targets', () => {
  it('judges every target of the issue from the figures', () => {
    const r = result();
    expect(r.targets.map((t) => [t.name, t.ok])).toEqual([
      ['8 KB errors: ≥ 60% of the null server', true],
      ['8 KB errors: ≈ 5,000 events/s', true],
      ['50 KB errors: ≥ 1,000 events/s', true],
      ['8 KB JS error: at least as fast as Spotlight', true],
      ['50 KB error: at least as fast as Spotlight', true],
      ['50 KB replay segment: at least as fast as Spotlight', true],
      ['p99 acknowledgement ≤ 10 ms at 500/s', true],
      ['SSE delivery p99 ≤ 50 ms', true],
      ['≤ 2 KB on disk per 8 KB error event', true],
      ['issue list first page ≤ 30 ms at 1,000,000 events', true],
      ['full-text search ≤ 100 ms at 1,000,000 events', true],
      ['RSS ≤ 300 MB under load', true],
      ['RSS flat under sustained load (last tenth − first tenth ≤ 30 MB)', true],
    ]);
  });

  it('fails each target just past its bound', () => {
    expect(verdict(result((r) => { r.throughput.error8k = workload('8 KB JS error', 10000, 2000, 5000, 1100); }), '8 KB errors: ≥ 60%')).toBe(false);
    expect(verdict(result((r) => { r.throughput.error8k = workload('8 KB JS error', 8000, 2000, 4999, 1100); }), '8 KB errors: ≈ 5,000')).toBe(false);
    expect(verdict(result((r) => { r.throughput.error50k = workload('50 KB error', 4000, 900, 999, 12000); }), '50 KB errors')).toBe(false);
    expect(verdict(result((r) => { r.throughput.error50k = workload('50 KB error', 4000, 1000, 999, 12000); }), '50 KB error: at least')).toBe(false);
    expect(verdict(result((r) => { r.latency.median.lookout.p99 = 10.01; }), 'p99 acknowledgement')).toBe(false);
    expect(verdict(result((r) => { r.latency.median.lookout.sse.p99 = 50.5; }), 'SSE delivery')).toBe(false);
    expect(verdict(result((r) => { r.scale.bytesPerEvent = 2049; }), '≤ 2 KB')).toBe(false);
    expect(verdict(result((r) => { r.scale.queries.issueList.medianMs = 31; }), 'issue list')).toBe(false);
    expect(verdict(result((r) => { r.scale.queries.search.medianMs = 101; }), 'full-text search')).toBe(false);
    expect(verdict(result((r) => { r.scale.rss.duringMax = 301; }), 'RSS ≤ 300')).toBe(false);
    expect(verdict(result((r) => { r.scale.rss.duringLastTenth = 230; }), 'RSS flat')).toBe(false);
  });

  it('does not judge flatness on a short load, and counts Spotlight acknowledging nothing as infinitely slower', () => {
    const short = result((r) => { r.scale.events = 20_000; r.scale.rss.duringLastTenth = 260; });
    expect(verdict(short, 'RSS flat')).toBeNull();
    const replay = result().targets.find((t) => t.name.startsWith('50 KB replay segment'));
    expect(replay).toMatchObject({ ok: true, value: Infinity, shown: '×∞ (Spotlight acknowledged none)' });
  });

  it('prints the tables and the verdicts, as text and as Markdown', () => {
    const r = result((x) => {
      x.latency.median.lookout.p99 = 48.3;
      x.throughput.error8k!.cpu = { null: { totalUs: 21, mainUs: 20, cores: 0.9, loadgenUs: 19 },
        spotlight: { totalUs: 430, mainUs: 400, cores: 1.1, loadgenUs: 40 }, lookout: { totalUs: 465.4, mainUs: 207, cores: 1.62, loadgenUs: 35 } };
    });
    const text = formatReport(r);
    expect(text).toMatch(/p99 acknowledgement ≤ 10 ms at 500\/s\s+48\.3 ms \(null \+ fsync: 3\.00 ms\)\s+NO/);
    expect(text).toMatch(/8 KB JS error \(events\)\s+8,000\s+2,000\s+5,000/);
    const md = formatMarkdown(r);
    expect(md).toContain('| 8 KB JS error (events) | 8,000 | 2,000 | 5,000 | 5,000–5,000 | 0.63 | 2.50 | 1,100 B |');
    expect(md).toContain('| p99 acknowledgement ≤ 10 ms at 500/s | 48.3 ms (null + fsync: 3.00 ms) | NO |');
    // CPU rows only for workloads that have them (a result written before they were measured has none).
    expect(md).toContain('| 8 KB JS error (per event) | 21 | 430 | 465 | 207 | 1.62 | 35 |');
    expect(md).not.toContain('50 KB error (per event)');
    expect(formatReport(result())).not.toContain('CPU per item');
  });

  it('shows CPU per event at the latency rate when the result has it, and no such columns otherwise', () => {
    const r = result((x) => {
      Object.assign(x.latency.median.fsync, { cpu: { totalUs: 55, mainUs: 50, cores: 0.03, loadgenUs: 240 } });
      Object.assign(x.latency.median.lookout, { cpu: { totalUs: 1796.4, mainUs: 941, cores: 0.9, loadgenUs: 275 } });
    });
    const md = formatMarkdown(r);
    expect(md).toContain('| CPU µs/event (main thread) | cores busy | load generator µs |');
    expect(md).toContain('| null + fsync (durable floor) | 1.00 ms | 3.00 ms | 9.00 ms | – | – | – | 55 (50) | 0.03 | 240 |');
    expect(md).toContain('| lookout | 2.00 ms | 9.50 ms | 20.0 ms | 0.10 ms | 1.00 ms | 3.00 ms | 1,796 (941) | 0.90 | 275 |');
    expect(formatMarkdown(result())).not.toContain('CPU µs/event');
  });
});
