// The load generator, a child process of run.mjs (IPC): keeps a pool of keep-alive connections
// and replays the prebuilt requests of payloads.mjs, closed-loop (max rate) or open-loop
// (fixed rate, latency measured from the scheduled send time, and SSE delivery).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { HttpConn } from './http-conn.mjs';
import { workloads } from './payloads.mjs';
import { buildRequest, fillRequest } from './template.mjs';
import { summarize } from './stats.mjs';
import { watchSse } from './sse-watch.mjs';

const HOST = '127.0.0.1';
const all = workloads();
const built = new Map();

/** Plain and gzip requests for every text of a workload, built once. */
function requestsOf(name) {
  let reqs = built.get(name);
  if (reqs) return reqs;
  const wl = all[name];
  const path = `/api/1/envelope/?sentry_key=bench&sentry_version=7&sentry_client=${wl.client}`;
  const make = (gzip) => wl.texts.map((text) => buildRequest({ text, path, host: HOST, contentType: 'application/x-sentry-envelope', gzip }));
  reqs = { plain: make(false), gzip: make(true) };
  built.set(name, reqs);
  return reqs;
}

/** Request number `seq`: templates in turn, plain and gzip alternating per pass. */
function requestSource(name) {
  const wl = all[name];
  const reqs = requestsOf(name);
  const prefix = randomBytes(5).toString('hex');
  const n = wl.texts.length;
  return (seq) => {
    const set = Math.floor(seq / n) % 2 ? reqs.gzip : reqs.plain;
    const values = wl.fill(seq, prefix);
    return { bytes: fillRequest(set[seq % n], values), id: values.ID1 ?? null };
  };
}

/**
 * Closed loop: `connections` senders, each sending its next request as soon as the previous is
 * answered. Counts only 2xx answers completed inside the window after the warm-up.
 */
async function closedLoop({ port, workload, connections, warmupMs, durationMs, maxEnvelopes, progressMs }) {
  const next = requestSource(workload);
  let seq = 0;
  let acked = 0;
  let ackedInWindow = 0;
  let failed = 0;
  const statuses = {};
  const latencies = [];
  const start = performance.now();
  const windowStart = start + warmupMs;
  const end = durationMs ? windowStart + durationMs : Infinity;
  const limit = maxEnvelopes ?? Infinity;
  const timer = progressMs ? setInterval(() => process.send({ type: 'progress', acked, failed, t: performance.now() - start }), progressMs) : null;
  // Tells the orchestrator the measured window begins (it reads the server's CPU time then).
  const windowTimer = setTimeout(() => process.send({ type: 'window' }), warmupMs);
  const worker = async () => {
    const conn = new HttpConn({ host: HOST, port });
    while (seq < limit && performance.now() < end) {
      const { bytes } = next(seq++);
      const t0 = performance.now();
      let status = 0;
      try { ({ status } = await conn.send(bytes)); } catch { status = 0; }
      const t1 = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        acked++;
        if (t1 >= windowStart && t1 <= end) { ackedInWindow++; if (latencies.length < 200_000) latencies.push(t1 - t0); }
      } else failed++;
    }
    conn.close();
  };
  await Promise.all(Array.from({ length: connections }, worker));
  if (timer) clearInterval(timer);
  clearTimeout(windowTimer);
  const stop = performance.now();
  const windowMs = Math.max(1, Math.min(stop, end) - windowStart);
  return {
    acked, failed, statuses, ackedInWindow, windowMs, envelopesPerSec: (ackedInWindow / windowMs) * 1000,
    totalMs: stop - start, latency: summarize(latencies),
  };
}

/**
 * Open loop at `rate` envelopes/s: sends are scheduled on the clock whatever the answers, so a
 * slow answer shows in the latency of everything queued behind it (no coordinated omission).
 */
async function openLoop({ port, workload, rate, durationMs, warmupMs = 0, maxConnections, ssePath, sseIdPattern }) {
  const next = requestSource(workload);
  const sse = ssePath ? await watchSse({ host: HOST, port, path: ssePath, idPattern: new RegExp(sseIdPattern, 'g') }) : null;
  const idle = [];
  let open = 0;
  const queue = [];
  const latencies = [];
  const acks = new Map();
  const statuses = {};
  let failed = 0;
  let inFlight = 0;
  const interval = 1000 / rate;
  const total = Math.round(((warmupMs + durationMs) / 1000) * rate);
  const dispatch = (seq, scheduled) => {
    let conn = idle.pop();
    if (!conn) {
      if (open >= maxConnections) { queue.push([seq, scheduled]); return; }
      conn = new HttpConn({ host: HOST, port });
      open++;
    }
    const { bytes, id } = next(seq);
    inFlight++;
    conn.send(bytes).then(({ status }) => status, () => 0).then((status) => {
      const t = performance.now();
      inFlight--;
      statuses[status] = (statuses[status] ?? 0) + 1;
      // Sends scheduled in the warm-up (JIT, first issues, caches) are answered but not measured.
      const measured = scheduled >= t0 + warmupMs;
      if (status >= 200 && status < 300) { if (measured) { latencies.push(t - scheduled); if (id) acks.set(id, t); } } else failed++;
      const waiting = queue.shift();
      idle.push(conn);
      if (waiting) dispatch(waiting[0], waiting[1]);
    });
  };
  const t0 = performance.now() + 20;
  // The measured window, for the orchestrator's CPU readings: from the first measured send until
  // the last answer (the SSE wait after it is not part of it).
  const windowTimer = setTimeout(() => process.send({ type: 'window' }), t0 + warmupMs - performance.now());
  let seq = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (seq < total && t0 + seq * interval <= now) { dispatch(seq, t0 + seq * interval); seq++; }
      if (seq < total) setTimeout(tick, Math.max(0, Math.min(1, t0 + seq * interval - now)));
      else resolve();
    };
    tick();
  });
  while (inFlight > 0 || queue.length) await new Promise((r) => setTimeout(r, 5));
  const windowMs = performance.now() - (t0 + warmupMs);
  clearTimeout(windowTimer);
  process.send({ type: 'window', end: true });
  for (const c of idle) c.close();
  let delivery = null;
  if (sse) {
    const seen = await sse.waitFor([...acks.keys()], 3000);
    sse.close();
    const gaps = [];
    let early = 0;
    for (const [id, ackAt] of acks) {
      const at = seen.get(id);
      if (at === undefined) continue;
      if (at < ackAt) early++;
      gaps.push(Math.max(0, at - ackAt));
    }
    delivery = { ...summarize(gaps), missing: acks.size - gaps.length, beforeAck: early };
  }
  return { sent: total, failed, statuses, connectionsUsed: open, windowMs, latency: summarize(latencies), sse: delivery };
}

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'prepare') { for (const name of msg.workloads) requestsOf(name); process.send({ type: 'result', result: {} }); }
    else if (msg.cmd === 'closed') process.send({ type: 'result', result: await closedLoop(msg) });
    else if (msg.cmd === 'open') process.send({ type: 'result', result: await openLoop(msg) });
    else if (msg.cmd === 'exit') process.exit(0);
  } catch (err) {
    process.send({ type: 'error', error: String(err?.stack ?? err) });
  }
});
process.send({ type: 'ready' });
