// Sustained throughput per workload: every server in turn (the order rotating round by round,
// so slow minutes of a shared machine hit each of them), a fresh process and store per run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_KINDS, startServer, storeBytes } from './servers.mjs';
import { median } from './stats.mjs';
import { NO_CPU, cpuPerItem, processCpuMs } from './proc-cpu.mjs';

export const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/** Bytes of an empty store, subtracted from every per-event figure. */
export async function emptyStoreBytes(lookoutOpts) {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  const server = await startServer('lookout', { ...lookoutOpts, dataDir: dir });
  await server.stop();
  const bytes = storeBytes(dir);
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}

/** One measured run of `kind` on `workload`; Lookout's store is sized after a clean shutdown. */
export async function throughputRun(gen, kind, workload, cfg, baseBytes) {
  const dataDir = kind === 'lookout' ? mkdtempSync(join(tmpdir(), 'lookout-bench-')) : undefined;
  const server = await startServer(kind, { ...(kind === 'lookout' ? cfg.lookout : {}), dataDir });
  try {
    const rssBefore = server.rssMb();
    // CPU time over the measured window (the warm-up's JIT and first issues left out), against the
    // envelopes acknowledged in it.
    let cpuBefore = null;
    const result = await gen.run({ cmd: 'closed', port: server.port, workload, connections: cfg.connections,
      warmupMs: cfg.warmupMs, durationMs: cfg.durationMs }, null, () => { cpuBefore = [processCpuMs(server.pid), processCpuMs(gen.pid)]; });
    const cpuAfter = [processCpuMs(server.pid), processCpuMs(gen.pid)];
    const rssAfter = server.rssMb();
    await server.stop();
    // No window mark (a run shorter than its warm-up): nothing was measured.
    const per = (i) => (cpuBefore ? cpuPerItem(cpuBefore[i], cpuAfter[i], result.ackedInWindow, result.windowMs) : NO_CPU);
    const cpu = { server: per(0), loadgen: per(1) };
    const out = { server: kind, envelopesPerSec: result.envelopesPerSec, acked: result.acked, failed: result.failed,
      statuses: result.statuses, latency: result.latency, rssBefore, rssAfter, cpu };
    if (dataDir) out.bytesPerEnvelope = (storeBytes(dataDir) - baseBytes) / Math.max(1, result.acked);
    return out;
  } finally {
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** All rounds of one workload; medians per server and the median of the paired ratios. */
export async function throughputPhase(gen, workload, meta, cfg, baseBytes, log) {
  const rounds = [];
  for (let r = 0; r < cfg.rounds; r++) {
    const round = {};
    for (const kind of rotate(SERVER_KINDS, r)) {
      const run = await throughputRun(gen, kind, workload, cfg, baseBytes);
      round[kind] = run;
      log(`  ${workload} round ${r + 1}/${cfg.rounds} ${kind.padEnd(9)} ${run.envelopesPerSec.toFixed(0).padStart(6)} ${meta.unit}/s` +
        `${run.failed ? ` (${run.failed} failed: ${JSON.stringify(run.statuses)})` : ''}` +
        `${run.bytesPerEnvelope !== undefined ? `, ${run.bytesPerEnvelope.toFixed(0)} B each on disk` : ''}`);
    }
    rounds.push(round);
  }
  const med = (kind, pick) => median(rounds.map((r) => pick(r[kind])));
  const ratio = (other) => median(rounds.map((r) => r.lookout.envelopesPerSec / r[other].envelopesPerSec));
  return {
    label: meta.label, unit: meta.unit, itemsPerEnvelope: meta.itemsPerEnvelope, rounds,
    median: Object.fromEntries(SERVER_KINDS.map((k) => [k, med(k, (x) => x.envelopesPerSec)])),
    ratioVsNull: ratio('null'), ratioVsSpotlight: ratio('spotlight'),
    bytesPerEnvelope: med('lookout', (x) => x.bytesPerEnvelope),
    // CPU µs per envelope (all threads / main thread) and cores used, medians per server.
    cpu: Object.fromEntries(SERVER_KINDS.map((k) => [k, { totalUs: med(k, (x) => x.cpu.server.totalUs), mainUs: med(k, (x) => x.cpu.server.mainUs),
      cores: med(k, (x) => x.cpu.server.cores), loadgenUs: med(k, (x) => x.cpu.loadgen.totalUs) }])),
    failed: Object.fromEntries(SERVER_KINDS.map((k) => [k, rounds.reduce((n, r) => n + r[k].failed, 0)])),
  };
}
