import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, TraceDetail, TraceSummary } from '../src/shared/api-types';
import type { WebVitalsReport } from '../src/shared/api-web-vitals';
import { openDatabase } from '../src/core/store/db';
import { MIGRATIONS } from '../src/core/store/migrations';
import { MAX_REREAD_BLOCKS } from '../src/core/store/web-vitals-backfill';
import { post, startTestLookout } from './helpers/lookout';
import { exactReport } from './helpers/web-vitals-reference';

/** Envelopes @sentry/browser 11.12 sent from Chromium for two page loads of `/products/42` (see fixtures/web-vitals). */
const FIXTURES = ['browser-11-stream-1', 'browser-11-stream-2', 'browser-11-stream-3', 'browser-11-static-1', 'browser-11-static-2'];
const CAPTURED_S = 1795570700;
const movedToNow = (body: string) => {
  const shift = Date.now() / 1000 - CAPTURED_S;
  return body.replace(/"(start_timestamp|end_timestamp|timestamp)":(\d+(?:\.\d+)?)/g, (_, key: string, s: string) => `"${key}":${Number(s) + shift}`);
};

/** Page-load blocks in the store: the stored ones and copies of them (each with its own copy of its request), for the migration's measured cost. */
const BLOCKS = MAX_REREAD_BLOCKS;

/**
 * A store whose page-load blocks were written before migration 038 (their `page_name` and `vitals`
 * NULL, as 038 left them) and which predates 040: reopening it runs 040, which reads them again
 * from their stored requests and fills the aggregates.
 */
describe('migration 040 on blocks stored before 038', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lookout-040-'));
  let asIngested: { id: number; page_name: string | null; vitals: string | null }[] = [];
  let migrationMs = 0;
  let stored = 0;

  beforeAll(async () => {
    const lookout = await startTestLookout({ dataDir });
    for (const name of FIXTURES) {
      const body = movedToNow(readFileSync(new URL(`./fixtures/web-vitals/${name}.envelope`, import.meta.url), 'utf8'));
      expect((await post(`${lookout.url}/api/1/envelope/`, body, { 'content-type': 'application/x-sentry-envelope' })).status).toBe(200);
    }
    await lookout.close();

    const raw = new Database(join(dataDir, 'lookout.db'));
    const columns = 'id, page_name, vitals';
    asIngested = raw.prepare(`SELECT ${columns} FROM span_blocks WHERE vitals IS NOT NULL ORDER BY id`).all() as typeof asIngested;
    // Back to how an older Lookout left them, and to before migration 040 (its tables gone).
    raw.exec(`UPDATE span_blocks SET page_name = NULL, vitals = NULL;
      DROP TABLE web_vital_views; DROP TABLE web_vital_hours; DROP TABLE web_vital_days`);
    // Many more: copies of each stored block, each pointing at its own copy of the request.
    const envelopeColumns = (raw.prepare('PRAGMA table_info(envelopes)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id').join(', ');
    const blockColumns = (raw.prepare('PRAGMA table_info(span_blocks)').all() as { name: string }[]).map((c) => c.name)
      .filter((c) => c !== 'id' && c !== 'envelope_id').join(', ');
    const blocks = raw.prepare('SELECT id, envelope_id FROM span_blocks ORDER BY id').all() as { id: number; envelope_id: number }[];
    stored = blocks.length;
    const copyEnvelope = raw.prepare(`INSERT INTO envelopes (${envelopeColumns}) SELECT ${envelopeColumns} FROM envelopes WHERE id = ?`);
    const copyBlock = raw.prepare(`INSERT INTO span_blocks (envelope_id, ${blockColumns}) SELECT ?, ${blockColumns} FROM span_blocks WHERE id = ?`);
    raw.transaction(() => {
      for (let n = blocks.length; n < BLOCKS; n++) {
        const block = blocks[n % blocks.length]!;
        copyBlock.run(copyEnvelope.run(block.envelope_id).lastInsertRowid, block.id);
      }
    })();
    // Migration 040 as `migrate` runs it on a store at 39 (later migrations stay applied).
    const migration = MIGRATIONS.find((m) => m.version === 40)!;
    const started = performance.now();
    raw.transaction(() => { raw.exec(migration.sql); migration.after?.(raw); })();
    migrationMs = performance.now() - started;
    raw.close();
    console.log(`migration 040: ${BLOCKS} page-load blocks read again from their requests and folded in ${migrationMs.toFixed(0)} ms`);
  }, 600_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives the old blocks the page and vitals ingest gives them now, and counts them in the report', async () => {
    const { db } = openDatabase(dataDir);
    const original = new Set(asIngested.map((b) => b.id));
    const backfilled = (db.prepare('SELECT id, page_name, vitals FROM span_blocks WHERE vitals IS NOT NULL ORDER BY id').all() as typeof asIngested)
      .filter((b) => original.has(b.id));
    expect(backfilled).toEqual(asIngested);
    // Each copy got its source's columns too: the stored blocks with either, times the copies of each.
    const filled = db.prepare('SELECT COUNT(*) FROM span_blocks WHERE vitals IS NOT NULL').pluck().get() as number;
    const copiesOf = (id: number) => Math.floor((BLOCKS - 1 - (id - 1)) / stored) + 1;
    expect(filled).toBe(asIngested.reduce((n, b) => n + copiesOf(b.id), 0));
    expect(asIngested.filter((b) => b.page_name === '/products/*').length).toBeGreaterThanOrEqual(2);
    const exact = exactReport(db, 0);
    const pageTraces = db.prepare('SELECT DISTINCT trace_id FROM span_blocks WHERE page_name IS NOT NULL').pluck().all() as string[];
    expect(pageTraces).toHaveLength(2);
    db.close();

    const lookout = await startTestLookout({ dataDir });
    try {
      const traces = await lookout.api<Page<TraceSummary>>('traces');
      const pageLoads = traces.items.filter((t) => t.rootOp === 'pageload');
      expect(pageLoads.length).toBeGreaterThan(0);
      // A streamed page load is named by its page again, not the SDK's "Pageload".
      for (const t of pageLoads) expect(t.rootName).toBe('/products/*');
      for (const traceId of pageTraces) expect((await lookout.api<TraceDetail>(`traces/${traceId}`)).vitals?.page).toBe('/products/*');
      // The copies share the two traces: two page views, each vital counted once per view.
      const report = await lookout.api<WebVitalsReport>('web-vitals?hours=24');
      expect(report.pages).toHaveLength(1);
      expect(report.pages[0]).toMatchObject({ page: '/products/*', views: 2, counts: { lcp: 2, inp: 2, cls: 2, fcp: 2, ttfb: 2 } });
      expect(report.pages[0]!.score).toBe(exact.pages[0]!.score);
    } finally {
      await lookout.close();
    }
  });
});
