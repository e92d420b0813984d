import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import { rowInserter } from './insert-rows';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function store() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-rows-'));
  dirs.push(dir);
  return openDatabase(dir).db;
}

describe('rowInserter.many', () => {
  it('stores a batch of rows with every value and type intact', () => {
    const db = store();
    const insert = rowInserter(db);
    const rows = Array.from({ length: 50 }, (_, i) => ({
      trace_id: i % 7 === 0 ? null : `t${i % 3}`, transaction_event_id: null, span_count: i + 1, start_ms: 1_700_000_000_000.25 + i,
      end_ms: 1_700_000_000_100 + i, root_parentless: i % 2, root_span_id: `s${i}`, root_op: 'db.query',
      root_name: `SELECT "x" FROM y WHERE z = 'é ${i}' \u2028 ✓`, root_start_ms: 1_700_000_000_000.5 + i,
      spans: Buffer.from(JSON.stringify([[`s${i}`, null, 'db', { nested: { s: 'quote " and \\ backslash' } }]])), codec: 'raw',
    }));
    insert.many('span_blocks', { project_id: 3, envelope_id: 9 }, rows);
    const back = db.prepare(`SELECT trace_id, transaction_event_id, span_count, start_ms, end_ms, root_parentless, root_span_id, root_op,
      root_name, root_start_ms, spans, codec, typeof(start_ms) AS t FROM span_blocks ORDER BY id`).all() as (typeof rows[number] & { t: string })[];
    expect(back.map(({ t: _t, ...r }) => r)).toEqual(rows);
    expect(new Set(back.map((r) => r.t))).toEqual(new Set(['real']));
    expect(db.prepare('SELECT DISTINCT project_id, envelope_id FROM span_blocks').all()).toEqual([{ project_id: 3, envelope_id: 9 }]);
    db.close();
  });

  it('stores bytes as blobs and single rows too', () => {
    const db = store();
    const insert = rowInserter(db);
    const blobRows = Array.from({ length: 10 }, (_, i) => ({ event_id: null, filename: `f${i}`, content_type: 'text/plain',
      attachment_type: 'event.attachment', size: 3, truncated: 0, data: Buffer.from([i, 1, 2]), data_codec: 'raw' }));
    insert.many('attachments', { project_id: 1, envelope_id: 1 }, blobRows);
    const data = db.prepare('SELECT data FROM attachments ORDER BY id').pluck().all() as Buffer[];
    expect(data.map((b) => [...b])).toEqual(blobRows.map((r) => [...r.data]));
    insert.many('logs', { project_id: 1, envelope_id: 2 }, [{ timestamp: 5, trace_id: null, level: 'info', body: 'one', attributes: '{}' }]);
    expect(db.prepare('SELECT body FROM logs').pluck().all()).toEqual(['one']);
    db.close();
  });
});
