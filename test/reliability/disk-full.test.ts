import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/core/store/db';
import type { EventDetail, Health, IssueSummary, ItemSummary, Page } from '../../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from '../helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './support';

let lookout: TestLookout;
let db: DB | null = null;
const envelopeUrl = () => `${lookout.url}/api/1/envelope/?sentry_key=k`;

beforeAll(async () => { lookout = await startTestLookout({ onDatabase: (opened) => { db = opened; } }); });
afterAll(async () => { await lookout.stopAndClean(); });

/** An event with ~400 KB of incompressible data: it needs new database pages. */
function bigEvent(id: string): string {
  return eventEnvelope(id, { ...errorEvent(id, 1), extra: { blob: randomBytes(300_000).toString('base64') } });
}

async function lastSeq(): Promise<number> {
  return (await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]?.seq ?? 0;
}

describe('a full disk (SQLITE_FULL, simulated with PRAGMA max_page_count)', () => {
  it('answers 503 with a clear detail, keeps serving reads, and recovers by itself', async () => {
    const witness = newEventId();
    expect((await post(envelopeUrl(), eventEnvelope(witness, errorEvent(witness, 1)))).status).toBe(200);
    const store = db!;
    const pages = store.pragma('page_count', { simple: true }) as number;
    store.pragma(`max_page_count = ${pages}`);
    const seqBefore = await lastSeq();

    const ids = Array.from({ length: 12 }, () => newEventId());
    const answers = await Promise.all(ids.map((id) => post(envelopeUrl(), bigEvent(id))));
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(String(res.json?.detail)).toMatch(/disk is full.*recovers by itself/);
      expect(res.headers.get('x-sentry-error')).toMatch(/disk is full/);
    }
    // Nothing half-written: no item, no event.
    expect(await lastSeq()).toBe(seqBefore);
    for (const id of ids) expect((await fetch(`${lookout.url}/_lookout/api/events/${id}`)).status).toBe(404);

    // Reads keep working while the disk is full.
    expect((await lookout.api<Health>('health')).ok).toBe(true);
    expect((await lookout.api<Page<IssueSummary>>('issues')).items.length).toBeGreaterThan(0);
    expect((await lookout.api<EventDetail>(`events/${witness}`)).eventId).toBe(witness);

    // Space frees up: the very next request is stored, no restart.
    store.pragma('max_page_count = 1073741823');
    const after = newEventId();
    const res = await post(envelopeUrl(), bigEvent(after));
    expect(res.status).toBe(200);
    expect((await lookout.api<EventDetail>(`events/${after}`)).eventId).toBe(after);
    expect(store.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('answers 503 too when a read-API change cannot be written', async () => {
    const store = db!;
    store.pragma(`max_page_count = ${store.pragma('page_count', { simple: true }) as number}`);
    try {
      const res = await fetch(`${lookout.url}/_lookout/api/settings`, {
        method: 'PUT', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sourceRoots: Array.from({ length: 5000 }, () => `/src/${randomBytes(60).toString('hex')}`) }),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/disk is full/);
    } finally {
      store.pragma('max_page_count = 1073741823');
    }
  });
});
