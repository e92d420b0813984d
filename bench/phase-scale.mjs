// Lookout at scale: N error events through the real ingest at full speed (RSS and rate sampled
// every second), then read-API timings on the full store, bytes per event, and start-up time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer, storeBytes } from './servers.mjs';
import { median } from './stats.mjs';
import { timeQueries } from './queries.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Evicts the store's files from the OS page cache (GNU dd's `nocache` flag: posix_fadvise
 * DONTNEED), so the next start reads the store from disk as after a reboot. False where that
 * is not possible (no GNU dd), and the cold start-up is then not measured.
 */
function dropFromPageCache(dataDir) {
  const files = readdirSync(dataDir).filter((f) => f.startsWith('lookout.db')).map((f) => join(dataDir, f));
  return files.every((f) => spawnSync('dd', [`if=${f}`, 'iflag=nocache', 'count=0', 'status=none']).status === 0);
}

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
    // A load shorter than one progress interval still gets its one sample.
    if (timeline.length === 0) timeline.push({ t: Math.round(loadS * 1000), acked: load.acked, rssMb: +server.rssMb().toFixed(1) });
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
    let coldStartupMs = null;
    if (dropFromPageCache(dataDir)) {
      server = await startServer('lookout', { ...cfg.lookout, dataDir });
      coldStartupMs = server.readyMs;
      await server.stop();
    }
    return {
      events: load.acked, failed: load.failed, loadSeconds: loadS, eventsPerSec: load.acked / loadS,
      firstTenthRate: median(rates.slice(0, tenth)), lastTenthRate: median(rates.slice(-tenth)),
      rss: { before: rssBefore, duringMedian: median(during), duringMax: Math.max(...during),
        duringFirstTenth: median(during.slice(0, tenth)), duringLastTenth: median(during.slice(-tenth)), after: rssAfter, afterQueries: rssAfterQueries },
      queries, storeBytes: bytes, bytesPerEvent: (bytes - baseBytes) / Math.max(1, load.acked),
      startupMs: median(starts), startups: starts, coldStartupMs, timeline,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
