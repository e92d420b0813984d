/**
 * Regrouping's side of performance issues: every stored transaction is read again and each problem
 * Sentry's detectors find in it now is filed as ingest files it (`plan-writer.ts`), through its
 * `occurrence` row. A transaction stored before detection existed (or before a detector was added)
 * gets its rows; one whose problems changed has them re-filed; one whose body cannot be read keeps
 * the rows it has.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issue_detection/performance_detection.py
 */
import type { SentryEvent } from '../../shared/sentry';
import { eventTags, userFields, userKey } from '../pipeline/normalize-event';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';
import { eventFacts, performanceOccurrences } from '../pipeline/prepare-event';
import type { PreparedEvent } from '../pipeline/types';
import { issueTypeOfFingerprint, PERFORMANCE_GROUPING } from '../performance/detect';
import { PERFORMANCE_TYPES } from '../performance/types';
import { StoredBodyError } from './body-dictionary';
import type { DB } from './db';
import { loadEventPayload } from './event-payload';
import type { RegroupRow } from './regroup';

/** A problem to file: the issue writer's event, and the occurrence row that holds it now, if any. */
export interface OccurrenceToFile { ev: PreparedEvent; rowId: number | null }

const hashesOf = (row: RegroupRow): string[] => {
  try { return (JSON.parse(row.hashes ?? '[]') as unknown[]).filter((h): h is string => typeof h === 'string'); } catch { return []; }
};

/** The event every problem of a transaction starts from: the transaction's facts, tags and user. */
function baseOf(row: RegroupRow, event: SentryEvent | null): PreparedEvent {
  return {
    type: 'event', itemIndex: row.item_index, kind: 'transaction', eventId: row.event_id, storedPayload: null, timestamp: row.timestamp,
    facts: event ? eventFacts(event) : { platform: null, release: row.release, environment: null, sdk: null, message: '' },
    title: { title: row.title, culprit: row.culprit, type: 'transaction', metadata: {} }, level: row.level ?? 'info',
    userKey: event ? userKey(event) : null, userFields: event ? userFields(event) : [], traceId: null, replayId: null,
    tags: event ? eventTags(event) : [], grouping: null, truncated: false,
  };
}

/** Reads transactions' problems and rewrites their occurrence rows, inside regroupAll's transaction. */
export function transactionRegrouper(db: DB) {
  const occurrencesOf = db.prepare(`SELECT * FROM events INDEXED BY events_envelope WHERE envelope_id = ? AND item_index = ?
    AND kind = '${OCCURRENCE_KIND}' ORDER BY id`);
  const insert = db.prepare(`INSERT INTO events (event_id, kind, issue_id, grouping_config, hashes, project_id, envelope_id, item_index,
      timestamp, received, level, platform, release, environment, title, culprit, user_key, trace_id, replay_id, sdk, truncated)
    SELECT @eventId, '${OCCURRENCE_KIND}', @issueId, '${PERFORMANCE_GROUPING}', @hashes, project_id, envelope_id, item_index,
      timestamp, received, level, platform, release, environment, title, culprit, user_key, trace_id, replay_id, sdk, truncated
    FROM events WHERE id = @transaction`);
  const remove = db.prepare('DELETE FROM events WHERE id = ?');
  const setRow = db.prepare('UPDATE events SET issue_id = ?, grouping_config = ?, hashes = ? WHERE id = ?');

  return {
    /**
     * The problems of stored transaction `row`, each with the row that holds it; rows of problems
     * no longer found are deleted here (their issues lose them, and go when left with none).
     */
    problems(row: RegroupRow): OccurrenceToFile[] {
      const stored = occurrencesOf.all(row.envelope_id, row.item_index) as RegroupRow[];
      let event: SentryEvent | null = null;
      try { event = loadEventPayload(db, row); } catch (err) { if (!(err instanceof StoredBodyError)) throw err; }
      const base = baseOf(row, event);
      if (!event) {
        // Unreadable: each problem stays filed as stored, labelled by its fingerprint's type.
        return stored.map((o) => {
          const hashes = hashesOf(o);
          const type = hashes[0] ? issueTypeOfFingerprint(hashes[0]) : null;
          const title = { title: type ? PERFORMANCE_TYPES[type].title : o.title, culprit: o.culprit, type: 'transaction' as const,
            metadata: type ? { issueType: type } : {} };
          return { ev: { ...base, eventId: o.event_id, title, grouping: { config: PERFORMANCE_GROUPING, hashes } }, rowId: o.id };
        });
      }
      const byId = new Map(stored.map((o) => [o.event_id, o.id]));
      const found = performanceOccurrences(event).map((p) => ({
        ev: { ...base, eventId: p.eventId, title: p.title, facts: { ...base.facts, message: p.message },
          grouping: { config: PERFORMANCE_GROUPING, hashes: [p.fingerprint] } },
        rowId: byId.get(p.eventId) ?? null,
      }));
      const kept = new Set(found.map((f) => f.ev.eventId));
      for (const o of stored) if (!kept.has(o.event_id)) remove.run(o.id);
      return found;
    },
    /** Writes a problem's row: filed in `issueId` (a new row when the transaction had none for it). */
    file(transactionRowId: number, problem: OccurrenceToFile, issueId: number): void {
      const hashes = JSON.stringify(problem.ev.grouping?.hashes ?? []);
      if (problem.rowId !== null) setRow.run(issueId, PERFORMANCE_GROUPING, hashes, problem.rowId);
      else insert.run({ eventId: problem.ev.eventId, issueId, hashes, transaction: transactionRowId });
    },
  };
}
