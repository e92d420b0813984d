import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, Health, ItemSummary, Page } from '../../src/shared/api-types';
import type { SentryFrame } from '../../src/shared/sentry';
import { post, startTestLookout, type TestLookout } from '../helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './support';

let lookout: TestLookout;
const witnessId = newEventId();
const envelopeUrl = () => `${lookout.url}/api/1/envelope/?sentry_key=k`;

beforeAll(async () => {
  lookout = await startTestLookout();
  expect((await post(envelopeUrl(), eventEnvelope(witnessId, errorEvent(witnessId, 1)))).status).toBe(200);
});
afterAll(async () => { await lookout.stopAndClean(); });

/** After every hostile request the server still answers and the earlier event is unchanged. */
async function expectStillServing(): Promise<void> {
  expect((await lookout.api<Health>('health')).ok).toBe(true);
  const witness = await lookout.api<EventDetail>(`events/${witnessId}`);
  expect(witness.payload.exception?.values?.[0]?.value).toBe(`failure ${witnessId}`);
}

function deepArray(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function framesOf(detail: EventDetail): SentryFrame[] {
  return detail.payload.exception?.values?.[0]?.stacktrace?.frames ?? [];
}

describe('hostile and broken input gets a clear status and leaves the server serving', () => {
  it('JSON nested 100,000 deep: stored with the deep part cut and flagged truncated', async () => {
    const id = newEventId();
    const item = `{"event_id":"${id}","message":"deep","extra":{"nested":${deepArray(100_000)}}}`;
    const res = await post(envelopeUrl(), `{"event_id":"${id}"}\n{"type":"event"}\n${item}`);
    expect(res.status).toBe(200);
    const ev = await lookout.api<EventDetail>(`events/${id}`);
    expect(ev.truncated).toBe(true);
    expect(ev.title).toBe('deep');
    await expectStillServing();
  });

  it('JSON nested 100,000 deep on the legacy store route: 400 naming the body', async () => {
    const id = newEventId();
    const res = await post(`${lookout.url}/api/1/store/?sentry_key=k`, `{"event_id":"${id}","message":"deep","extra":${deepArray(100_000)}}`,
      { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(String(res.json?.detail)).toBe('invalid store body: JSON nested too deep');
    expect((await fetch(`${lookout.url}/_lookout/api/events/${id}`)).status).toBe(404);
    await expectStillServing();
  });

  it('JSON nested 100,000 deep in every other item type and in headers: 200, each item kept', async () => {
    const id = newEventId();
    const deep = deepArray(100_000);
    const types = ['check_in', 'session', 'sessions', 'span', 'log', 'client_report', 'user_report', 'replay_event', 'profile', 'statsd'];
    const lines = [`{"event_id":"${id}"}`, '{"type":"event"}', JSON.stringify({ message: 'deep items' })];
    for (const type of types) lines.push(JSON.stringify({ type }), `{"items":[{"attributes":${deep},"data":${deep}}],"attrs":${deep},"x":${deep}}`);
    lines.push(`{"type":"mystery","extra":${deep}}`, '{}');
    lines[0] = `{"event_id":"${id}","trace":{"replay_id":${deep}},"sdk":${deep}}`;
    const before = (await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]!.seq;
    const res = await post(envelopeUrl(), lines.join('\n'));
    expect(res.status).toBe(200);
    expect((await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]!.seq - before).toBe(types.length + 2);
    await expectStillServing();
  });

  it('odd-typed fields everywhere: 200, and the event reads back', async () => {
    const odd: unknown[] = [null, 7, 'str', true, [], [null, 3, 'x'], { values: 'no' }, { values: [null, 1, 'a', { frames: 'x' }] }];
    const fields = ['exception', 'threads', 'breadcrumbs', 'tags', 'user', 'request', 'contexts', 'extra', 'level', 'logentry', 'message',
      'fingerprint', 'sdk', 'release', 'environment', 'platform', 'stacktrace', 'spans', 'transaction', 'modules', 'debug_meta', 'server_name'];
    const failures: string[] = [];
    for (const field of fields) {
      for (const value of odd) {
        const id = newEventId();
        const event = { ...errorEvent(id, 0), [field]: value };
        if (field === 'exception' || field === 'threads') {
          (event as Record<string, unknown>)[field] = { values: [{ type: value, value, stacktrace: { frames: [value, { filename: value, lineno: value, vars: value, pre_context: value }] }, mechanism: value }] };
        }
        const res = await post(envelopeUrl(), eventEnvelope(id, event));
        const read = res.status === 200 ? (await fetch(`${lookout.url}/_lookout/api/events/${id}`)).status : 0;
        if (res.status !== 200 || read !== 200) failures.push(`${field}=${JSON.stringify(value)}: ${res.status} ${res.text.slice(0, 120)} / read ${read}`);
      }
    }
    expect(failures).toEqual([]);
    await expectStillServing();
  });

  it('a 50 MB string: stored cut to size, flagged truncated', async () => {
    const id = newEventId();
    const huge = 'A'.repeat(50 * 1024 * 1024);
    const res = await post(envelopeUrl(), gzipSync(eventEnvelope(id, { message: 'big', extra: { blob: huge } })), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    const ev = await lookout.api<EventDetail>(`events/${id}`);
    expect(ev.truncated).toBe(true);
    const blob = (ev.payload.extra as { blob: string }).blob;
    expect(blob.length).toBeLessThan(1024 * 1024);
    expect(blob.startsWith('AAAA')).toBe(true);
    await expectStillServing();
  });

  it('invalid UTF-8: stored with replacement characters', async () => {
    const id = newEventId();
    const body = Buffer.concat([Buffer.from(`{"event_id":"${id}"}\n{"type":"event"}\n{"message":"bad `), Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(' bytes"}')]);
    expect((await post(envelopeUrl(), body)).status).toBe(200);
    expect((await lookout.api<EventDetail>(`events/${id}`)).title).toBe('bad \ufffd\ufffd\ufffd( bytes');
    await expectStillServing();
  });

  it("Python's NaN and Infinity tokens are accepted as null (envelope and store routes)", async () => {
    const id = newEventId();
    const item = `{"message":"py nan","extra":{"a":NaN,"b":Infinity,"c":-Infinity,"s":"NaN stays"}}`;
    expect((await post(envelopeUrl(), `{"event_id":"${id}"}\n{"type":"event"}\n${item}`)).status).toBe(200);
    expect((await lookout.api<EventDetail>(`events/${id}`)).payload.extra).toEqual({ a: null, b: null, c: null, s: 'NaN stays' });
    const sid = newEventId();
    const res = await post(`${lookout.url}/api/1/store/`, `{"event_id":"${sid}","message":"store nan","extra":{"x":NaN}}`,
      { 'x-sentry-auth': 'Sentry sentry_key=k, sentry_client=sentry.python/2.19.0', 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect((await lookout.api<EventDetail>(`events/${sid}`)).payload.extra).toEqual({ x: null });
    await expectStillServing();
  });

  it('garbage, negative and far-future timestamps are replaced by the receive time', async () => {
    for (const timestamp of ['yesterday', -1_000_000, 32_503_680_000, 1e300, { at: 1 }, '9999-12-31T23:59:59Z']) {
      const id = newEventId();
      const before = Date.now();
      const res = await post(envelopeUrl(), eventEnvelope(id, { message: `ts ${JSON.stringify(timestamp)}`, timestamp }));
      expect(res.status, JSON.stringify(timestamp)).toBe(200);
      const ev = await lookout.api<EventDetail>(`events/${id}`);
      expect(ev.timestamp).toBeGreaterThanOrEqual(before);
      expect(ev.timestamp).toBeLessThanOrEqual(Date.now());
    }
    await expectStillServing();
  });

  it('10,000 breadcrumbs: all kept (the event stays under 1 MiB)', async () => {
    const id = newEventId();
    const breadcrumbs = Array.from({ length: 10_000 }, (_, i) => ({ timestamp: Date.now() / 1000, category: 'ui.click', message: `click ${i}` }));
    expect((await post(envelopeUrl(), eventEnvelope(id, { message: 'crumbs', breadcrumbs }))).status).toBe(200);
    const ev = await lookout.api<EventDetail>(`events/${id}`);
    expect(ev.payload.breadcrumbs?.values).toHaveLength(10_000);
    expect(ev.truncated).toBe(false);
    await expectStillServing();
  });

  it('a 100,000-frame stack: stored with its first and last frames, flagged truncated', async () => {
    const id = newEventId();
    const frames = Array.from({ length: 100_000 }, (_, i) => ({ filename: `/app/f${i}.js`, function: `fn${i}`, lineno: i + 1, in_app: true }));
    const event = { exception: { values: [{ type: 'RangeError', value: 'Maximum call stack size exceeded', stacktrace: { frames } }] } };
    expect((await post(envelopeUrl(), eventEnvelope(id, event))).status).toBe(200);
    const ev = await lookout.api<EventDetail>(`events/${id}`);
    expect(ev.truncated).toBe(true);
    const kept = framesOf(ev);
    expect(kept.length).toBeLessThanOrEqual(500);
    expect(kept[0]?.function).toBe('fn0');
    expect(kept.at(-1)?.function).toBe('fn99999');
    expect(ev.title).toContain('RangeError');
    await expectStillServing();
  });

  it('an envelope with 10,000 items: every item recorded', async () => {
    const id = newEventId();
    const lines = [`{"event_id":"${id}"}`, '{"type":"event"}', JSON.stringify({ message: 'many items' })];
    for (let i = 1; i < 10_000; i++) {
      const payload = i % 2 ? `log line ${i}` : JSON.stringify({ timestamp: Date.now() / 1000, discarded_events: [] });
      lines.push(JSON.stringify(i % 2 ? { type: 'attachment', filename: `a${i}.txt`, length: Buffer.byteLength(payload) } : { type: 'client_report' }), payload);
    }
    const before = (await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]!.seq;
    const res = await post(envelopeUrl(), lines.join('\n'));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id });
    const after = (await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]!.seq;
    expect(after - before).toBe(10_000);
    await expectStillServing();
  });

  it('binary garbage: 400 naming the problem, nothing stored', async () => {
    const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256));
    const before = (await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]!.seq;
    for (const route of ['envelope', 'store', 'security', 'minidump']) {
      // A raw dump may be posted as octet-stream, but garbage has no MDMP signature: Relay refuses it too.
      const res = await post(`${lookout.url}/api/1/${route}/?sentry_key=k`, garbage, { 'content-type': 'application/octet-stream' });
      expect(res.status, route).toBe(400);
      expect(String(res.json?.detail).length, route).toBeGreaterThan(5);
    }
    const gz = await post(envelopeUrl(), garbage, { 'content-encoding': 'gzip' });
    expect(gz.status).toBe(400);
    expect(String(gz.json?.detail)).toMatch(/gzip/);
    const after = (await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]!.seq;
    expect(after).toBe(before);
    await expectStillServing();
  });
});
