// Acknowledgement latency at a fixed open-loop rate, and for the servers with a live stream the
// time from the acknowledgement to the SSE message of the same event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATENCY_KINDS, SSE, startServer } from './servers.mjs';
import { median } from './stats.mjs';
import { rotate } from './phase-throughput.mjs';
import { NO_CPU, cpuPerItem, processCpuMs } from './proc-cpu.mjs';

async function latencyRun(gen, kind, cfg) {
  const dataDir = kind === 'lookout' ? mkdtempSync(join(tmpdir(), 'lookout-bench-')) : undefined;
  const server = await startServer(kind, { ...(kind === 'lookout' ? cfg.lookout : {}), dataDir });
  try {
    const sse = SSE[kind];
    // CPU over the measured sends: what an event costs each server at this rate, where every
    // commit holds one or two events and every thread wakes for each.
    const cpu = { start: null, end: null };
    const read = () => [processCpuMs(server.pid), processCpuMs(gen.pid)];
    const result = await gen.run({ cmd: 'open', port: server.port, workload: 'error8k', rate: cfg.rate, durationMs: cfg.latencyMs, warmupMs: cfg.warmupMs,
      maxConnections: 64, ssePath: sse?.path, sseIdPattern: sse?.idPattern }, null, (end) => { cpu[end ? 'end' : 'start'] = read(); });
    const per = (i) => (cpu.start && cpu.end ? cpuPerItem(cpu.start[i], cpu.end[i], result.latency.count, result.windowMs) : NO_CPU);
    return { server: kind, ...result, cpu: { server: per(0), loadgen: per(1) } };
  } finally {
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function latencyPhase(gen, cfg, log) {
  const rounds = [];
  for (let r = 0; r < cfg.latencyRounds; r++) {
    const round = {};
    for (const kind of rotate(LATENCY_KINDS, r)) {
      const run = await latencyRun(gen, kind, cfg);
      round[kind] = run;
      const l = run.latency;
      log(`  latency round ${r + 1}/${cfg.latencyRounds} ${kind.padEnd(9)} p50 ${l.p50.toFixed(2)} p99 ${l.p99.toFixed(2)} max ${l.max.toFixed(1)} ms` +
        `${run.sse ? `; SSE p50 ${run.sse.p50.toFixed(2)} p99 ${run.sse.p99.toFixed(2)} ms (${run.sse.missing} missing)` : ''}` +
        `${run.failed ? `; ${run.failed} failed` : ''}`);
    }
    rounds.push(round);
  }
  const med = (kind, pick) => median(rounds.map((r) => pick(r[kind])));
  const summary = (kind) => ({
    p50: med(kind, (x) => x.latency.p50), p99: med(kind, (x) => x.latency.p99), max: med(kind, (x) => x.latency.max),
    sse: SSE[kind] ? { p50: med(kind, (x) => x.sse.p50), p99: med(kind, (x) => x.sse.p99), max: med(kind, (x) => x.sse.max),
      missing: rounds.reduce((n, r) => n + r[kind].sse.missing, 0) } : null,
    failed: rounds.reduce((n, r) => n + r[kind].failed, 0),
    cpu: { totalUs: med(kind, (x) => x.cpu.server.totalUs), mainUs: med(kind, (x) => x.cpu.server.mainUs),
      cores: med(kind, (x) => x.cpu.server.cores), loadgenUs: med(kind, (x) => x.cpu.loadgen.totalUs) },
  });
  return { rate: cfg.rate, durationMs: cfg.latencyMs, rounds, median: Object.fromEntries(LATENCY_KINDS.map((k) => [k, summary(k)])) };
}
