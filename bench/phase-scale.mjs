// Lookout at scale: N error events through the real ingest at full speed (RSS and rate sampled
// every second), then read-API timings on the full store, bytes per event, and start-up time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer, storeBytes } from './servers.mjs';
import { median } from './stats.mjs';
import { timeQueries } from './queries.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function scalePhase(gen, cfg, baseBytes, log) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lookout-bench-scale-'));
  let server = await startServer('lookout', { ...cfg.lookout, dataDir });
  try {
    await sleep(1000);
    const rssBefore = server.rssMb();
    const timeline = [];
    const started = performance.now();
    const load = await gen.run({ cmd: 'closed', port: server.port, workload: 'error8k', connections: cfg.connections,
      warmupMs: 0, durationMs: cfg.scaleMaxMs, maxEnvelopes: cfg.scaleEvents, progressMs: 1000 }, (p) => {
      const rss = server.rssMb();
      timeline.push({ t: Math.round(p.t), acked: p.acked, rssMb: +rss.toFixed(1) });
      if (timeline.length % 10 === 0) log(`  scale: ${p.acked} events stored, RSS ${rss.toFixed(0)} MB`);
    });
    const loadS = (performance.now() - started) / 1000;
    await sleep(3000);
    const rssAfter = server.rssMb();
    const rates = timeline.map((p, i) => (i === 0 ? p.acked : p.acked - timeline[i - 1].acked) / ((i === 0 ? p.t : p.t - timeline[i - 1].t) / 1000));
    const tenth = Math.max(1, Math.floor(rates.length / 10));
    const during = timeline.map((p) => p.rssMb);
    log(`  scale: ${load.acked} events in ${loadS.toFixed(0)} s, ${load.failed} failed; querying`);
    const queries = await timeQueries(server.port, cfg.queryRepeats);
    const rssAfterQueries = server.rssMb();
    await server.stop();
    const bytes = storeBytes(dataDir);
    const starts = [];
    for (let i = 0; i < cfg.restarts; i++) {
      server = await startServer('lookout', { ...cfg.lookout, dataDir });
      starts.push(server.readyMs);
      await server.stop();
    }
    return {
      events: load.acked, failed: load.failed, loadSeconds: loadS, eventsPerSec: load.acked / loadS,
      firstTenthRate: median(rates.slice(0, tenth)), lastTenthRate: median(rates.slice(-tenth)),
      rss: { before: rssBefore, duringMedian: median(during), duringMax: Math.max(...during),
        duringFirstTenth: median(during.slice(0, tenth)), duringLastTenth: median(during.slice(-tenth)), after: rssAfter, afterQueries: rssAfterQueries },
      queries, storeBytes: bytes, bytesPerEvent: (bytes - baseBytes) / Math.max(1, load.acked),
      startupMs: median(starts), startups: starts, timeline,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
