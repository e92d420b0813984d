/**
 * The profile read API against real SDK envelopes (the corpus' @sentry/react transaction with its
 * v1 profile, the sentry.cocoa continuous-profiling chunk) posted to a real Lookout.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileResponse, TraceProfiles } from '../src/shared/api-profile';
import type { ItemSummary, Page } from '../src/shared/api-types';
import { serializeEnvelope } from '../src/core/ingest/envelope';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/protocol/spotlight/', import.meta.url));
const BROWSER_TX = 'a79bb264f52f4a9992d7b1914a0c27d5';
const BROWSER_TRACE = '102da487eb584409b2bc4d9ea35e485f';
const PROFILER = '71bba98d90b545c39f2ae73f702d7ef4';
const TRACE = 'c'.repeat(32);

let lookout: TestLookout;
const envelopeUrl = () => `${lookout.url}/api/1/envelope/?sentry_key=lookout`;

/** The cocoa chunk (its fixture declares more bytes than it holds) moved to `startSec`, sent whole. */
function chunkEnvelope(startSec: number, profilerId?: string): Buffer {
  const chunk = JSON.parse(readFileSync(CORPUS + 'profile_chunk_1.txt', 'utf8').split('\n')[2]!) as
    { profiler_id: string; profile: { samples: { timestamp: number }[] } };
  if (profilerId) chunk.profiler_id = profilerId;
  const t0 = chunk.profile.samples[0]!.timestamp;
  for (const s of chunk.profile.samples) s.timestamp = startSec + (s.timestamp - t0);
  return serializeEnvelope({ headers: {}, items: [{ headers: { type: 'profile_chunk', platform: 'cocoa' }, payload: Buffer.from(JSON.stringify(chunk)) }] });
}

function transactionEnvelope(startSec: number, endSec: number, o = { eventId: 'd'.repeat(32), trace: TRACE, profiler: PROFILER }): Buffer {
  const event = { event_id: o.eventId, type: 'transaction', transaction: 'app launch', start_timestamp: startSec, timestamp: endSec, platform: 'cocoa',
    contexts: { trace: { trace_id: o.trace, span_id: 'e'.repeat(16), op: 'app.start' }, profile: { profiler_id: o.profiler } }, spans: [] };
  return serializeEnvelope({ headers: { event_id: event.event_id }, items: [{ headers: { type: 'transaction' }, payload: Buffer.from(JSON.stringify(event)) }] });
}

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

describe('profile API', () => {
  it("reads a transaction's v1 profile by event id, by item and from its trace", async () => {
    expect((await post(envelopeUrl(), readFileSync(CORPUS + 'enveplope_browser_js_profile.bin'))).status).toBe(200);
    const byEvent = await lookout.api<ProfileResponse>(`profiles/events/${BROWSER_TX}`);
    expect(byEvent.source).toMatchObject({ kind: 'profile', platform: 'javascript', transactionName: '/:provider/:owner/:repo', traceId: BROWSER_TRACE });
    expect(byEvent.threads[0]).toMatchObject({ id: '0', name: 'main', active: true, sampleCount: 368 });
    expect(byEvent).toMatchObject({ samplesTotal: 368, samplesProcessed: 368, samplesCapped: false, problems: [] });

    const items = await lookout.api<Page<ItemSummary>>('items');
    const seq = items.items.find((i) => i.kind === 'profile')!.seq;
    expect((await lookout.api<ProfileResponse>(`profiles/items/${seq}`)).threads[0]!.durationMs).toBe(byEvent.threads[0]!.durationMs);
    const offered = await lookout.api<TraceProfiles>(`traces/${BROWSER_TRACE}/profiles`);
    expect(offered).toEqual({ transactions: [{ eventId: BROWSER_TX, name: '/:provider/:owner/:repo', itemSeq: seq }], profilerIds: [], chunkCount: 0 });
    const notProfile = await fetch(`${lookout.url}/_lookout/api/profiles/items/${items.items.find((i) => i.kind === 'transaction')!.seq}`);
    expect(notProfile.status).toBe(404);
  });

  it("finds a trace's continuous-profiling chunks by the profiler its transaction names, cut to the spans' time", async () => {
    const start = Math.floor(Date.now() / 1000) - 5;
    expect((await post(envelopeUrl(), chunkEnvelope(start))).status).toBe(200);
    // The transaction covers the first 4 samples (0–30 ms) of the chunk's 7.
    expect((await post(envelopeUrl(), transactionEnvelope(start, start + 0.031))).status).toBe(200);
    expect(await lookout.api<TraceProfiles>(`traces/${TRACE}/profiles`)).toEqual({ transactions: [], profilerIds: [PROFILER], chunkCount: 1 });
    const p = await lookout.api<ProfileResponse>(`traces/${TRACE}/profile`);
    expect(p.source).toMatchObject({ kind: 'chunks', profilerIds: [PROFILER], traceId: TRACE, windowStartMs: start * 1000 });
    const t = p.threads[0]!;
    expect(t).toMatchObject({ id: '259', name: 'main', sampleCount: 4, durationMs: 40 });
    expect(t.functions.map((f) => [p.frames[f.frame]!.name, f.selfMs, f.totalMs])).toEqual([
      ['_main', 10, 40], ['UIApplicationMain', 10, 30], ['-[AppDelegate application:didFinishLaunchingWithOptions:]', 10, 20], ['-[AppDelegate setupSentry]', 10, 10],
    ]);
    const none = await fetch(`${lookout.url}/_lookout/api/traces/${'f'.repeat(32)}/profile`);
    expect(none.status).toBe(404);
  });

  it("finds a trace's chunk among 70 of other profilers sent about the same time, by the profiler id each chunk is stored with", async () => {
    const start = Math.floor(Date.now() / 1000) - 5;
    for (let i = 0; i < 70; i++) expect((await post(envelopeUrl(), chunkEnvelope(start, i.toString(16).padStart(32, '0')))).status).toBe(200);
    const profiler = 'AB12CD34-0000-4000-8000-00000000BEEF';
    expect((await post(envelopeUrl(), chunkEnvelope(start, profiler))).status).toBe(200);
    const trace = 'a'.repeat(32);
    expect((await post(envelopeUrl(), transactionEnvelope(start, start + 0.031, { eventId: 'b'.repeat(32), trace, profiler }))).status).toBe(200);
    const items = await lookout.api<Page<ItemSummary>>('items?limit=5');
    expect(items.items.find((i) => i.kind === 'profile_chunk')!.title).toMatch(/^profile_chunk ab12cd3400004000800000000000beef \(\d+ bytes\)$/);
    expect((await lookout.api<TraceProfiles>(`traces/${trace}/profiles`)).chunkCount).toBe(1);
    expect((await lookout.api<ProfileResponse>(`traces/${trace}/profile`)).threads[0]).toMatchObject({ sampleCount: 4, durationMs: 40 });
  });
});
