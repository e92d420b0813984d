import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip, deflateSync, gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { EnvelopeRecord, EventDetail, ItemSummary, Page, TraceDetail } from '../src/shared/api-types';
import { SPOTLIGHT_CORPUS, corpusEvent } from '../src/core/grouping/test-support/corpus';
import { normalizeEventId } from '../src/core/pipeline/normalize-event';
import type { DB } from '../src/core/store/db';
import { buildMinidump } from '../src/core/minidump/test-minidump';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
const eventId = () => crypto.randomUUID().replace(/-/g, '');

function envelope(id: string, event: Record<string, unknown>): string {
  return `{"event_id":"${id}"}\n{"type":"event"}\n${JSON.stringify({ event_id: id, message: 'hello', ...event })}`;
}

let db: DB;
beforeAll(async () => { lookout = await startTestLookout({ maxBodyBytes: 5 * 1024 * 1024, onDatabase: (d) => { db = d; } }); });
afterAll(async () => { await lookout.stopAndClean(); });

async function stored(id: string): Promise<EventDetail> {
  return lookout.api<EventDetail>(`events/${id}`);
}

describe('ingest routes, auth, encodings', () => {
  it('accepts an envelope with query auth and a path prefix, answers with the id and CORS', async () => {
    const id = eventId();
    const res = await post(`${lookout.url}/some/prefix/api/1/envelope?sentry_key=abc&sentry_version=7&sentry_client=sentry.javascript.browser%2F11.12.0`,
      envelope(id, {}), { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://localhost:5173' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-sentry-rate-limits');
    const env = (await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=accepted')).items[0]!;
    expect(env.sentryKey).toBe('abc');
    expect(env.client).toBe('sentry.javascript.browser/11.12.0');
    const unknown = await fetch(`${lookout.url}/_lookout/api/envelopes?outcome=dropped`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { detail: string }).detail).toBe('unknown outcome "dropped": accepted or rejected');
  });

  it('answers CORS preflight on ingest routes only', async () => {
    const pre = await fetch(`${lookout.url}/api/1/envelope/`, { method: 'OPTIONS', headers: { origin: 'http://x.test', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-sentry-auth');
    const api = await fetch(`${lookout.url}/_lookout/api/health`, { headers: { origin: 'http://x.test' } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('decodes gzip, deflate, br and the empty / UTF-8 encodings', async () => {
    const cases: [string, (b: Buffer) => Buffer][] = [
      ['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync], ['', (b) => b], ['UTF-8', (b) => b],
    ];
    for (const [encoding, compress] of cases) {
      const id = eventId();
      const res = await post(`${lookout.url}/api/2/envelope/`, compress(Buffer.from(envelope(id, {}))),
        { 'content-encoding': encoding, 'x-sentry-auth': 'Sentry sentry_key=k, sentry_version=7, sentry_client=test/1' });
      expect(res.status, encoding).toBe(200);
      expect((await stored(id)).projectId).toBe(2);
    }
  });

  it('streams a gzip body that inflates past a megabyte, also when its trailer understates it', async () => {
    const id = eventId();
    const body = Buffer.from(envelope(id, { extra: { blob: 'lookout '.repeat(300 * 1024) } }));
    // Two gzip members: the last one's trailer declares only its own 20 bytes.
    const gz = Buffer.concat([gzipSync(body.subarray(0, body.length - 20)), gzipSync(body.subarray(body.length - 20))]);
    expect(gz.readUInt32LE(gz.length - 4)).toBe(20);
    const res = await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, gz, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    const ev = await stored(id);
    expect((ev.payload.extra as { blob: string }).blob.startsWith('lookout lookout')).toBe(true);
    const raw = await fetch(`${lookout.url}/_lookout/api/envelopes/${ev.envelopeId}/raw`);
    expect(raw.status).toBe(200);
    expect(Buffer.from(await raw.arrayBuffer()).equals(body)).toBe(true);
  });

  it('keeps an attachment once, in its envelope as sent, and serves and exports the same bytes', async () => {
    const id = eventId();
    const text = Buffer.from('line one\nline two\n');
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251));
    const event = JSON.stringify({ event_id: id, message: 'with files', level: 'error' });
    const body = Buffer.concat([
      Buffer.from(`{"event_id":"${id}"}\n{"type":"event"}\n${event}\n`),
      Buffer.from(`{"type":"attachment","filename":"log.txt","content_type":"text/plain","length":${text.length}}\n`), text, Buffer.from('\n'),
      Buffer.from(`{"type":"attachment","filename":"dump.bin","length":${binary.length}}\n`), binary,
    ]);
    expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, body)).status).toBe(200);
    const ev = await stored(id);
    const rows = db.prepare('SELECT length(data) AS stored, item_index FROM attachments WHERE event_id = ? ORDER BY id').all(id);
    expect(rows).toEqual([{ stored: 0, item_index: 1 }, { stored: 0, item_index: 2 }]);
    const served = await Promise.all(ev.attachments.map(async (a) => Buffer.from(await (await fetch(`${lookout.url}/_lookout/api/attachments/${a.id}`)).arrayBuffer())));
    expect(served.map((b) => b.toString('hex'))).toEqual([text.toString('hex'), binary.toString('hex')]);
    const report = await fetch(`${lookout.url}/_lookout/api/issues/${ev.issueId}/report?format=json&scrub=0&events=1`);
    const bundle = (await report.json()) as { attachments: { info: { filename: string }; data: string }[] };
    expect(bundle.attachments.map((a) => [a.info.filename, a.data])).toEqual([['log.txt', text.toString('base64')], ['dump.bin', binary.toString('base64')]]);
  });

  it('takes a chunked body with no Content-Length', async () => {
    const id = eventId();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${lookout.url}/api/1/envelope/?sentry_key=k`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume(); res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      const body = envelope(id, {});
      req.write(body.slice(0, 10)); req.write(body.slice(10)); req.end();
    });
    expect(status).toBe(200);
    expect((await stored(id)).eventId).toBe(id);
  });

  it('accepts Python-style store posts (gzip, header auth, NaN) and raven base64+deflate', async () => {
    const id = eventId();
    const body = gzipSync(Buffer.from(`{"event_id":"${id}","message":"py","extra":{"ratio":NaN,"big":Infinity},"platform":"python"}`));
    const res = await post(`${lookout.url}/api/3/store/`, body, {
      'content-encoding': 'gzip', 'content-type': 'application/json', 'x-sentry-auth': 'Sentry sentry_key=pk, sentry_client=sentry.python/2.0',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id });
    expect((await stored(id)).payload.extra).toEqual({ ratio: null, big: null });

    const rid = eventId();
    const raven = deflateSync(Buffer.from(JSON.stringify({ event_id: rid, message: 'from raven' }))).toString('base64');
    const res2 = await post(`${lookout.url}/api/3/store/?sentry_version=5&sentry_key=k`, raven, { 'content-type': 'application/octet-stream' });
    expect(res2.status).toBe(200);
    expect((await stored(rid)).title).toBe('from raven');
  });

  it('stores an envelope posted to /store once: its event is read back from the item, as on /envelope', async () => {
    const ids = [eventId(), eventId()];
    for (const [i, route] of (['store', 'envelope'] as const).entries()) {
      const res = await post(`${lookout.url}/api/1/${route}/`, envelope(ids[i]!, { message: `via ${route}` }), { 'content-type': 'application/x-sentry-envelope' });
      expect(res.status).toBe(200);
      expect((await stored(ids[i]!)).payload.message).toBe(`via ${route}`);
    }
    const rows = ids.map((id) => db.prepare('SELECT item_index, payload FROM events WHERE project_id = 1 AND event_id = ?').get(id));
    expect(rows).toEqual([{ item_index: 0, payload: null }, { item_index: 0, payload: null }]);
  });

  it('takes the legacy /api/store/ route (no project in the path) into project 1, as /stream does', async () => {
    const res = await post(`${lookout.url}/api/store/`, JSON.stringify({ message: 'from an old raven client' }), { 'x-sentry-auth': 'Sentry sentry_key=k, sentry_version=7' });
    expect(res.status).toBe(200);
    const ev = await stored(String(res.json?.id));
    expect([ev.projectId, ev.title]).toEqual([1, 'from an old raven client']);
  });

  it('takes the project from the dsn header on /tunnel and /stream', async () => {
    const id = eventId();
    const body = `{"event_id":"${id}","dsn":"http://pub@localhost:8969/7"}\n{"type":"event"}\n{"message":"tunnelled"}`;
    expect((await post(`${lookout.url}/tunnel`, body)).status).toBe(200);
    const ev = await stored(id);
    expect(ev.projectId).toBe(7);
    const id2 = eventId();
    expect((await post(`${lookout.url}/stream`, envelope(id2, {}))).status).toBe(200);
    expect((await stored(id2)).projectId).toBe(1);
  });

  it('stores a repeated event id once and counts it', async () => {
    const id = eventId();
    for (let i = 0; i < 3; i++) expect((await post(`${lookout.url}/api/1/envelope/`, envelope(id, {}))).status).toBe(200);
    expect((await stored(id)).duplicates).toBe(2);
  });

  it('adds nothing of a re-sent envelope but the duplicate count: no second attachment, no second spans', async () => {
    // Real SDK envelopes sent twice, as an SDK's offline cache retries or Spotlight forwards them.
    for (const file of ['attachments_envelope_with_text.txt', 'envelope_java.txt']) {
      const body = readFileSync(`${SPOTLIGHT_CORPUS}/${file}`);
      for (let i = 0; i < 2; i++) expect((await post(`${lookout.url}/api/1/envelope/`, body)).status).toBe(200);
    }
    const withFile = corpusEvent('attachments_envelope_with_text.txt');
    const ev = await stored(normalizeEventId(withFile.event_id)!);
    expect(ev.duplicates).toBe(1);
    expect(ev.attachments.map((a) => a.filename)).toEqual(['attachment.txt']);
    const transaction = corpusEvent('envelope_java.txt', 'transaction');
    const trace = await lookout.api<TraceDetail>(`traces/${transaction.contexts!.trace!.trace_id as string}`);
    expect(trace.spans).toHaveLength((transaction.spans as unknown[]).length + 1);
    expect(db.prepare('SELECT COUNT(*) FROM span_blocks WHERE trace_id = ?').pluck().get(transaction.contexts!.trace!.trace_id)).toBe(1);
  });

  it('answers {} for envelopes without an event', async () => {
    const res = await post(`${lookout.url}/api/1/envelope/`, '{}\n{"type":"client_report"}\n{"timestamp":1700000000,"discarded_events":[{"reason":"queue_overflow","category":"error","quantity":3}]}');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    // With an event id in its header (a replay envelope names its replay there), Relay answers with it.
    const replayId = eventId();
    const replay = await post(`${lookout.url}/api/1/envelope/`, `{"event_id":"${replayId}"}\n{"type":"replay_event"}\n{"type":"replay_event","replay_id":"${replayId}","segment_id":0}`);
    expect(replay.json).toEqual({ id: replayId });
  });

  it('keeps CSP reports and minidump uploads', async () => {
    const csp = { 'csp-report': { 'document-uri': 'http://localhost:3000/', 'blocked-uri': 'https://evil.example/x.js', 'effective-directive': 'script-src', 'violated-directive': 'script-src' } };
    const res = await post(`${lookout.url}/api/1/security/?sentry_key=k`, JSON.stringify(csp), { 'content-type': 'application/csp-report' });
    expect(res.status).toBe(200);
    const ev = await stored(String(res.json?.id));
    expect(ev.title).toContain('evil.example');

    const boundary = 'XyZ';
    const dump = Buffer.concat([Buffer.from('MDMP'), Buffer.alloc(64, 1)]);
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sentry"\r\n\r\n{"release":"app@2"}\r\n`),
      // Crashpad's annotations, spread over bracketed fields as Relay reads them.
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sentry[environment]"\r\n\r\nqa\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sentry[tags][gpu]"\r\n\r\nnvidia\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload_file_minidump"; filename="crash.dmp"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      dump, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const md = await post(`${lookout.url}/api/1/minidump/?sentry_key=k`, form, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(md.status).toBe(200);
    expect(md.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const mdEvent = await stored(md.text);
    expect(mdEvent.release).toBe('app@2');
    expect(mdEvent.environment).toBe('qa');
    expect(mdEvent.payload.tags).toContainEqual(['gpu', 'nvidia']);
    expect(mdEvent.attachments.map((a) => [a.filename, a.attachmentType, a.size])).toEqual([['crash.dmp', 'event.minidump', 68]]);
  });

  it('names a minidump crash from its exception record and groups crashes by it, raw uploads and envelopes alike', async () => {
    const exe = { name: 'C:\\Shop\\shop.exe', base: 0x140000000n, size: 0x200000 };
    const write = buildMinidump({ platformId: 2, code: 0xc0000005, info: [1n, 0n], address: 0x140001000n, module: exe });
    const stack = buildMinidump({ platformId: 2, code: 0xc00000fd, address: 0x140002000n, module: exe });
    const raw = (dump: Buffer) => post(`${lookout.url}/api/1/minidump/?sentry_key=k`, dump, { 'content-type': 'application/octet-stream' });
    const first = await stored((await raw(write)).text);
    expect(first.title).toBe('EXCEPTION_ACCESS_VIOLATION_WRITE: Fatal Error: EXCEPTION_ACCESS_VIOLATION_WRITE');
    expect(first.payload.exception?.values?.[0]?.stacktrace?.frames?.[0]).toMatchObject({ instruction_addr: '0x140001000', package: exe.name });
    // sentry-native's envelope: its event item and the dump as an event.minidump attachment.
    const id = eventId();
    const item = `{"type":"attachment","attachment_type":"event.minidump","filename":"crash.dmp","length":${write.length}}`;
    const body = Buffer.concat([Buffer.from(`{"event_id":"${id}"}\n{"type":"event"}\n{"event_id":"${id}","platform":"native","level":"fatal"}\n${item}\n`), write]);
    expect((await post(`${lookout.url}/api/1/envelope/`, body)).status).toBe(200);
    const second = await stored(id);
    expect(second.issueId).toBe(first.issueId);
    const other = await stored((await raw(stack)).text);
    expect(other.title).toBe('EXCEPTION_STACK_OVERFLOW: Fatal Error: EXCEPTION_STACK_OVERFLOW');
    expect(other.issueId).not.toBe(first.issueId);
  });
});

describe('bad input gets its status and loses nothing', () => {
  const cases: [string, () => Promise<{ status: number; json: Record<string, unknown> | null }>, number, RegExp][] = [
    ['empty body', () => post(`${lookout.url}/api/1/envelope/`, ''), 400, /empty/],
    ['truncated gzip', () => post(`${lookout.url}/api/1/envelope/`, gzipSync(Buffer.from(envelope(eventId(), {}))).subarray(0, 30), { 'content-encoding': 'gzip' }), 400, /gzip/],
    ['length past the end', () => post(`${lookout.url}/api/1/envelope/`, '{}\n{"type":"attachment","length":500}\nshort'), 400, /length/],
    ['non-numeric project id', () => post(`${lookout.url}/api/abc/envelope/`, envelope(eventId(), {})), 400, /project/],
    ['zero project id', () => post(`${lookout.url}/api/0/envelope/`, envelope(eventId(), {})), 400, /project/],
    // A malformed escape ended the whole process (decodeURIComponent threw in the request callback).
    ['a malformed % escape as project id', () => post(`${lookout.url}/api/%/store/`, '{"message":"x"}'), 400, /project/],
    ['a minidump form without its boundary', () => post(`${lookout.url}/api/1/minidump/`, 'x', { 'content-type': 'multipart/form-data' }), 400, /invalid minidump upload: .*boundary/],
    ['a minidump that is no minidump', () => post(`${lookout.url}/api/1/minidump/`, 'hello', { 'content-type': 'application/octet-stream' }), 400, /MDMP/],
    ['one byte over the cap', () => post(`${lookout.url}/api/1/envelope/`, Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)), 413, /./],
  ];

  it.each(cases)('%s', async (_name, send, status, detail) => {
    const before = await lookout.api<Page<ItemSummary>>('items?limit=1000');
    const res = await send();
    expect(res.status).toBe(status);
    expect(String(res.json?.detail)).toMatch(detail);
    const after = await lookout.api<Page<ItemSummary>>('items?limit=1000');
    expect(after.items.length).toBe(before.items.length);
    const rejected = await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=rejected');
    expect(rejected.items[0]?.status).toBe(status);
    expect(rejected.items.every((e) => e.outcome === 'rejected')).toBe(true);
    // The server still serves.
    const id = eventId();
    expect((await post(`${lookout.url}/api/1/envelope/`, envelope(id, {}))).status).toBe(200);
  });

  it.each<[string, (b: Buffer) => Buffer]>([['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync]])(
    'keeps the bytes of a broken %s body with its rejection, to look at', async (encoding, compress) => {
      const broken = compress(Buffer.from(envelope(eventId(), { extra: { filler: 'abc'.repeat(500) } }))).subarray(0, 30);
      expect((await post(`${lookout.url}/api/1/envelope/`, broken, { 'content-encoding': encoding })).status).toBe(400);
      const rejected = (await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=rejected')).items[0]!;
      expect([rejected.status, rejected.size]).toEqual([400, 30]);
    });

  it('cuts a gzip bomb (1 GiB of zeros) at the cap with 413', async () => {
    const zeros = Readable.from((function* () { for (let i = 0; i < 1024; i++) yield Buffer.alloc(1024 * 1024); })());
    const chunks: Buffer[] = [];
    for await (const c of zeros.pipe(createGzip({ level: 9 }))) chunks.push(c as Buffer);
    const res = await post(`${lookout.url}/api/1/envelope/`, Buffer.concat(chunks), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect((await lookout.api<{ ok: boolean }>('health')).ok).toBe(true);
  });

  it('refuses the read API and UI for a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request(`${lookout.url}/_lookout/api/events`, { headers: { host: 'evil.example' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); })
        .on('error', reject).end();
    });
    expect(status).toBe(403);
  });

  it('refuses cross-origin state changes', async () => {
    const res = await fetch(`${lookout.url}/_lookout/api/settings`, { method: 'PUT', body: '{}', headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });
});
