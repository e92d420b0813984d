import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as Sentry from '@sentry/node';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/core/store/db';
import { decodeBody } from '../src/core/store/body-dictionary';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

// A gzip body is inflated where it is prepared: on the prepare worker, or on the main thread
// when there is none or it died holding the request. What is stored must not tell them apart,
// nor a gzip body from the same body sent plain (but for its kept gzip bytes).

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules/.cache/lookout-test');
const WORKER = path.join(CACHE, 'prepare-worker-ingest.mjs');
/** Says it is ready, then dies on the first request it is given. */
const DYING_WORKER = path.join(CACHE, 'prepare-worker-dying.mjs');

interface Sent { body: Buffer; headers: Record<string, string> }
const sent: Sent[] = [];
let recorder: Server;

beforeAll(async () => {
  await build({ entryPoints: [path.join(ROOT, 'src/core/pipeline/prepare-worker.ts')], bundle: true, platform: 'node', format: 'esm',
    packages: 'external', outfile: WORKER, logLevel: 'silent' });
  writeFileSync(DYING_WORKER, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ ready: true });\n" +
    'parentPort.on(\'message\', (m) => { if (m.type === \'job\') process.exit(3); });\n');
  // What a real SDK sends, recorded as sent, to send the same bytes to every server.
  recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'content-encoding', 'x-sentry-auth']) if (req.headers[name]) headers[name] = String(req.headers[name]);
      sent.push({ body: Buffer.concat(chunks), headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  Sentry.init({ dsn: `http://pub@127.0.0.1:${(recorder.address() as AddressInfo).port}/1`, release: 'gz@1.0.0', environment: 'test',
    defaultIntegrations: false });
}, 60_000);

afterAll(async () => {
  await Sentry.close(2000);
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
});

function captureShapes(): void {
  // Past 32 KB the Node SDK gzips its body (its transport's GZIP_THRESHOLD); the same shape twice.
  for (const n of [1, 2]) {
    Sentry.withScope((scope) => {
      scope.setExtra('rows', Array.from({ length: 600 }, (_, i) => ({ i, name: `row ${i}`, note: 'the same words again' })));
      scope.setTag('attempt', String(n));
      Sentry.captureException(new Error('checkout failed with a large state'));
    });
  }
  // Small ones, sent plain by the SDK: gzipped here as a browser or a proxy sends them.
  for (const n of [1, 2, 3]) Sentry.captureException(new Error(`small failure ${n}`));
}

/** Every stored row that says what came in, without the columns that hold the time or the server's port. */
function storedRows(db: DB) {
  const envelopes = db.prepare(`SELECT id, route, project_id, outcome, status, reason, size, item_count, body, body_codec, body_dict
    FROM envelopes ORDER BY id`).all() as { body: Buffer | null; body_codec: string }[];
  return {
    envelopes,
    bodies: envelopes.map((e) => decodeBody(db, e.body, e.body_codec)),
    dictionaries: db.prepare('SELECT id, project_id, key, size, crc FROM body_dictionaries ORDER BY id').all(),
    dictionaryBytes: db.prepare('SELECT data, codec FROM body_dictionaries ORDER BY id').all(),
    events: db.prepare(`SELECT id, event_id, kind, envelope_id, item_index, issue_id, timestamp, level, release, environment, title, culprit,
      hashes, payload, payload_codec FROM events ORDER BY id`).all(),
    issues: db.prepare('SELECT id, title, count, first_seen, last_seen, latest_event_id FROM issues ORDER BY id').all(),
    tags: db.prepare('SELECT * FROM issue_tags ORDER BY issue_id, key, value').all(),
  };
}

async function storeAll(requests: Sent[], opts: { prepareWorkerFile?: string }): Promise<ReturnType<typeof storedRows>> {
  let db: DB | null = null;
  const lookout: TestLookout = await startTestLookout({ ...opts, log: () => undefined, onDatabase: (d) => { db = d; } });
  try {
    for (const r of requests) expect((await post(`${lookout.url}/api/1/envelope/`, r.body, r.headers)).status).toBe(200);
    return storedRows(db!);
  } finally {
    await lookout.stopAndClean();
  }
}

describe('gzip bodies from a real SDK', () => {
  it('are stored alike on the prepare worker, without one, after it died, and as the plain body', async () => {
    captureShapes();
    expect(await Sentry.flush(5000)).toBe(true);
    const large = sent.filter((r) => r.headers['content-encoding'] === 'gzip');
    const small = sent.filter((r) => !r.headers['content-encoding']);
    expect([large.length, small.length]).toEqual([2, 3]);
    const gzipped = [...large, ...small.map((r) => ({ body: gzipSync(r.body), headers: { ...r.headers, 'content-encoding': 'gzip' } }))];
    const plain = gzipped.map((r) => ({ body: gunzipSync(r.body), headers: { ...r.headers, 'content-encoding': '' } }));

    const onWorker = await storeAll(gzipped, { prepareWorkerFile: WORKER });
    expect(onWorker.envelopes.map((e) => e.body_codec)).toEqual(['gzip', 'gzip', 'dict:1', 'dict:1', 'dict:1']);
    // The client's own gzip bytes are what is kept for a large body.
    expect(onWorker.envelopes.slice(0, 2).map((e) => e.body)).toEqual(large.map((r) => r.body));
    expect(onWorker.bodies).toEqual(plain.map((r) => r.body));
    expect(await storeAll(gzipped, {})).toEqual(onWorker);
    expect(await storeAll(gzipped, { prepareWorkerFile: DYING_WORKER })).toEqual(onWorker);

    const asPlain = await storeAll(plain, { prepareWorkerFile: WORKER });
    expect(asPlain.bodies).toEqual(onWorker.bodies);
    expect(asPlain.envelopes.map((e) => e.body_codec)).toEqual(['br', 'br', 'dict:1', 'dict:1', 'dict:1']);
    // The same rows but for the bytes kept: a dictionary made of a gzip body keeps the client's gzip too.
    const withoutBodies = (s: typeof onWorker) =>
      ({ ...s, envelopes: s.envelopes.map(({ body: _b, body_codec: _c, ...rest }) => rest), dictionaryBytes: null });
    expect(withoutBodies(asPlain)).toEqual(withoutBodies(onWorker));
  }, 60_000);
});
