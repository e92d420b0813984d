import type { ItemSummary } from '../../shared/api-types';
import type { EnvelopePlan, PerformanceOccurrence, PreparedEvent, PreparedReplay } from '../pipeline/types';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';
import { PERFORMANCE_GROUPING } from '../performance/detect';
import { encodePayload } from './codec';
import type { DB } from './db';
import { positionalInsert, rowInserter } from './insert-rows';
import { issueWriter, type IssueChange } from './issue-writer';
import { projectWriter } from './project-repo';
import { recordEnvelope } from './envelope-writer';
import { dictionaryKey } from '../pipeline/dictionary-key';
import type { DictionaryHint } from './body-dictionary-encode';
import { idFloor } from './rowid-floor';
import { itemMonitor } from './item-monitor';
import { segmentWriter } from './segment-writer';
import type { SegmentKey } from './segment-assemble';
import { segmentOfBlocks } from './item-segment';
import { outcomeCounter } from './outcome-counts';
import { webVitalAggregates } from './web-vital-aggregates';
import { countedItems, isResent, onlyResent, resentTitle, type StoredEvent } from './duplicate-events';

/**
 * A transaction's problem as its performance issue takes it: the occurrence's id and fingerprint,
 * labelled by the problem (the occurrence row keeps the transaction's own title, as its row does).
 */
export const asPerformanceIssue = (ev: PreparedEvent, problem: PerformanceOccurrence): PreparedEvent =>
  ({ ...ev, eventId: problem.eventId, title: problem.title, facts: { ...ev.facts, message: problem.message },
    grouping: { config: PERFORMANCE_GROUPING, hashes: [problem.fingerprint] } });

type Assigned = { issueId: number; change: IssueChange };

export interface PlanResult {
  envelopeId: number;
  items: ItemSummary[];
  issues: { issueId: number; change: IssueChange }[];
  /** Streamed segments to detect again from the store once their parts stop coming (see segment-writer.ts). */
  segments?: SegmentKey[];
}

const EVENT_COLUMNS = ['project_id', 'event_id', 'kind', 'envelope_id', 'item_index', 'issue_id', 'timestamp', 'received', 'level',
  'platform', 'release', 'environment', 'title', 'culprit', 'user_key', 'trace_id', 'replay_id', 'sdk', 'grouping_config', 'hashes',
  'grouping', 'truncated', 'payload', 'payload_codec'] as const;
const ITEM_COLUMNS = ['seq', 'envelope_id', 'item_index', 'project_id', 'kind', 'event_id', 'title', 'level', 'timestamp', 'received',
  'issue_id'] as const;

/**
 * Writes one prepared envelope. Runs inside the writer's group-commit transaction, so either
 * everything of the envelope is stored or none of it. `deferred`: issue aggregates and outcome counts are written
 * by `flush`, which the caller runs before the transaction commits (see issueWriter).
 */
export function planWriter(db: DB, opts: { onDictionary?: (hint: DictionaryHint) => void; deferred?: boolean } = {}) {
  const insert = rowInserter(db);
  const issues = issueWriter(db, { deferred: opts.deferred });
  const projects = projectWriter(db);
  const record = recordEnvelope(db, opts);
  const segments = segmentWriter(db, issues);
  const countOutcomes = outcomeCounter(db, { deferred: opts.deferred });
  const vitals = webVitalAggregates(db);
  // Web vitals aggregates (migration 040) take the blocks that hold a page or vitals; no other block costs a statement.
  const countVitals = (projectId: number, received: number, blocks: readonly Record<string, unknown>[]) => {
    for (const b of blocks) {
      if (typeof b.vitals !== 'string') continue;
      vitals.addBlock(typeof b.trace_id === 'string' ? b.trace_id : null, { projectId, page: typeof b.page_name === 'string' ? b.page_name : null,
        vitals: b.vitals, startMs: typeof b.start_ms === 'number' ? b.start_ms : received });
    }
  };
  const findEvent = db.prepare('SELECT id, issue_id FROM events WHERE project_id = ? AND event_id = ?');
  // Bound by position, in column order: named binding of these 24 values cost ~4 µs more per row.
  const insertEvent = positionalInsert(db, 'events', EVENT_COLUMNS);
  const itemStmt = positionalInsert(db, 'items', ITEM_COLUMNS);
  const seqFloor = idFloor(db, 'items');
  const insertItem = (row: Record<(typeof ITEM_COLUMNS)[number], unknown>) => Number(itemStmt.run(row).lastInsertRowid);
  const countDuplicate = db.prepare('UPDATE events SET duplicates = duplicates + 1 WHERE id = ?');
  const dropUserReport = db.prepare("DELETE FROM feedback WHERE associated_event_id = ? AND project_id = ? AND kind = 'user_report'");
  // Sentry keeps one user report per event: a later one (an SDK's retry, an edited report) replaces it.
  const replaceUserReports = (projectId: number, rows: readonly Record<string, unknown>[]) => {
    for (const r of rows) if (r.kind === 'user_report' && typeof r.associated_event_id === 'string') dropUserReport.run(r.associated_event_id, projectId);
  };
  const upsertReplay = db.prepare(`INSERT INTO replays (replay_id, project_id, received) VALUES (?, ?, ?)
    ON CONFLICT(replay_id) DO NOTHING`);
  const updateReplay = db.prepare(`UPDATE replays SET replay_type = COALESCE(@replayType, replay_type),
      start_ms = MIN(COALESCE(start_ms, @startMs), COALESCE(@startMs, start_ms)),
      end_ms = MAX(COALESCE(end_ms, @endMs), COALESCE(@endMs, end_ms)),
      urls = @urls, trace_ids = @traceIds, error_ids = @errorIds,
      browser = COALESCE(@browser, browser), os = COALESCE(@os, os), sdk = COALESCE(@sdk, sdk), user = COALESCE(@user, user),
      environment = COALESCE(@environment, environment), release = COALESCE(@release, release)
    WHERE replay_id = @replayId`);
  const replayLists = db.prepare('SELECT urls, trace_ids, error_ids FROM replays WHERE replay_id = ?');
  const bumpSegments = db.prepare(`UPDATE replays SET segment_count = segment_count + @n,
      start_ms = MIN(COALESCE(start_ms, @s), COALESCE(@s, start_ms)), end_ms = MAX(COALESCE(end_ms, @e), COALESCE(@e, end_ms))
    WHERE replay_id = @id`);
  // Migration 039: a segment's dead and rage clicks count once, as playback plays one decodable copy of a segment sent twice.
  const decodedCopy = db.prepare('SELECT 1 FROM replay_segments WHERE replay_id = ? AND segment_id = ? AND event_count IS NOT NULL LIMIT 1');
  const addFrustration = db.prepare('UPDATE replays SET dead_clicks = dead_clicks + ?, rage_clicks = rage_clicks + ? WHERE replay_id = ?');

  /** `issueId`: the event's issue (none for a transaction: its problems' issues are `assigned`); `assigned`: every issue it counted in. */
  function writeEvent(plan: EnvelopePlan, envelopeId: number, ev: PreparedEvent,
    again: ReadonlyMap<string, StoredEvent>, lookAgain: boolean): { issueId: number | null; assigned: Assigned[] } {
    // Looked up before the items were written; again only when an earlier item of this envelope may have stored the id.
    const existing = again.get(ev.eventId) ?? (lookAgain ? findEvent.get(plan.projectId, ev.eventId) as StoredEvent | undefined : undefined);
    if (existing) {
      countDuplicate.run(existing.id);
      return { issueId: existing.issue_id, assigned: [] };
    }
    const assigned = ev.kind === 'event' ? issues.assign(plan.projectId, ev) : null;
    const row = writeEventRow(plan, envelopeId, ev, assigned?.issueId ?? null);
    // Each problem of a transaction counts once in its own issue, through a row that shares the transaction's item (and payload).
    const occurrences = (ev.performance ?? []).map((problem) => {
      const filed = asPerformanceIssue(ev, problem);
      const inIssue = issues.assign(plan.projectId, filed);
      insertEvent.run({ ...row, event_id: problem.eventId, kind: OCCURRENCE_KIND, issue_id: inIssue.issueId, grouping_config: PERFORMANCE_GROUPING,
        hashes: JSON.stringify([problem.fingerprint]), payload: null, payload_codec: null });
      return inIssue;
    });
    // A feedback event is also listed with the user reports, where it is found by the event it is about.
    if (ev.feedback) {
      insert('feedback', { project_id: plan.projectId, envelope_id: envelopeId, kind: 'feedback', event_id: ev.eventId,
        received: plan.request.received, ...ev.feedback });
    }
    return assigned ? { issueId: assigned.issueId, assigned: [assigned] } : { issueId: null, assigned: occurrences };
  }

  function writeEventRow(plan: EnvelopePlan, envelopeId: number, ev: PreparedEvent, issueId: number | null) {
    const payload = ev.storedPayload ? encodePayload(ev.storedPayload) : null;
    const row = {
      project_id: plan.projectId, event_id: ev.eventId, kind: ev.kind as string, envelope_id: envelopeId, item_index: ev.itemIndex,
      issue_id: issueId, timestamp: ev.timestamp, received: plan.request.received, level: ev.level,
      platform: ev.facts.platform, release: ev.facts.release, environment: ev.facts.environment,
      title: ev.title.title, culprit: ev.title.culprit, user_key: ev.userKey, trace_id: ev.traceId, replay_id: ev.replayId,
      sdk: ev.facts.sdk,
      grouping_config: ev.grouping?.config ?? null, hashes: ev.grouping ? JSON.stringify(ev.grouping.hashes) : null,
      // The explanation is recomputed from the payload when an event is opened (~40 µs): storing
      // ~10 KB of JSON per event cost more ingest time and disk than anything else it holds.
      grouping: null,
      truncated: ev.truncated ? 1 : 0, payload: payload?.data ?? null, payload_codec: payload?.codec ?? null,
    };
    insertEvent.run(row);
    return row;
  }

  function writeReplay(plan: EnvelopePlan, envelopeId: number, replay: PreparedReplay): void {
    upsertReplay.run(replay.replayId, plan.projectId, plan.request.received);
    const info = replay.info as Record<string, unknown> | null;
    if (info) {
      const old = replayLists.get(replay.replayId) as { urls: string; trace_ids: string; error_ids: string };
      const merge = (prev: string, next: unknown) =>
        JSON.stringify([...new Set([...(JSON.parse(prev) as string[]), ...(Array.isArray(next) ? next.map(String) : [])])].slice(0, 1000));
      updateReplay.run({
        replayId: replay.replayId, replayType: info.replayType ?? null, startMs: info.startMs ?? null,
        endMs: info.timestampMs ?? null, urls: merge(old.urls, info.urls), traceIds: merge(old.trace_ids, info.traceIds),
        errorIds: merge(old.error_ids, info.errorIds), browser: info.browser ?? null, os: info.os ?? null,
        sdk: info.sdk ?? null, user: info.user ?? null, environment: info.environment ?? null, release: info.release ?? null,
      });
    }
    for (const seg of replay.segments) {
      const clicks = seg.frustration;
      // Only a segment with clicks pays for the seek (the index on replay id and segment id).
      if (clicks && clicks.deadClicks > 0 && (seg.segmentId === null || decodedCopy.get(replay.replayId, seg.segmentId) === undefined)) {
        addFrustration.run(clicks.deadClicks, clicks.rageClicks, replay.replayId);
      }
      insert('replay_segments', {
        replay_id: replay.replayId, project_id: plan.projectId, envelope_id: envelopeId, segment_id: seg.segmentId,
        kind: seg.kind, event_count: seg.eventCount, start_ms: seg.startMs, end_ms: seg.endMs, error: seg.error,
        data: seg.data, item_index: seg.inEnvelope ? seg.itemIndex : null, received: plan.request.received,
      });
      bumpSegments.run({ n: 1, s: seg.startMs, e: seg.endMs, id: replay.replayId });
    }
  }

  /**
   * Events of this envelope already stored: an envelope sent again (an SDK's offline-cache retry,
   * a Spotlight forward) counts its event as a duplicate, adds none of the event's attachments or
   * spans a second time and counts them `invalid` / `duplicate`, as Sentry drops a duplicate with
   * its attachments (duplicate-events.ts). One lookup per event item.
   */
  function storedEvents(plan: EnvelopePlan): ReadonlyMap<string, StoredEvent> {
    const found = new Map<string, StoredEvent>();
    for (const item of plan.items) {
      if (item.type !== 'event') continue;
      const row = findEvent.get(plan.projectId, item.eventId) as StoredEvent | undefined;
      if (row) found.set(item.eventId, row);
    }
    return found;
  }

  const write = (plan: EnvelopePlan): PlanResult => {
    const received = plan.request.received;
    const again = storedEvents(plan);
    const lookAgain = plan.items.filter((i) => i.type === 'event').length > 1;
    projects.touch(plan.projectId, received);
    // A request that brings nothing but resent copies is recorded with its size, not its bytes again.
    const resentOnly = onlyResent(plan, again);
    const request = resentOnly ? { ...plan.request, body: Buffer.alloc(0), size: plan.request.size ?? plan.request.body.length } : plan.request;
    const envelopeId = record(request,
      { outcome: 'accepted', status: 200, reason: null, itemCount: plan.itemCount, projectId: plan.projectId }, resentOnly ? null : dictionaryKey(plan),
      resentOnly ? null : plan.deflatedBody ?? null, resentOnly ? null : plan.packedBody ?? null);
    const result: PlanResult = { envelopeId, items: [], issues: [] };
    for (const item of plan.items) {
      let issueId: number | null = null;
      if (item.type === 'event') {
        projects.learn(plan.projectId, item.facts);
        const written = writeEvent(plan, envelopeId, item, again, lookAgain);
        issueId = written.issueId;
        result.issues.push(...written.assigned);
      } else {
        if (item.naming) projects.learn(plan.projectId, item.naming);
        const rows = again.size > 0 && item.table === 'attachments' ? item.rows.filter((r) => !again.has(String(r.event_id))) : item.rows;
        if (item.table === 'feedback') replaceUserReports(plan.projectId, rows);
        insert.many(item.table, { project_id: plan.projectId, envelope_id: envelopeId }, rows);
        if (item.table === 'span_blocks') countVitals(plan.projectId, received, rows);
      }
      const sentTitle = item.type === 'event' ? item.title.title : item.title;
      const title = isResent(item, again) ? resentTitle(sentTitle) : sentTitle;
      const kind = item.type === 'event' ? item.kind : item.kind;
      const checkIn = item.type === 'rows' && item.table === 'check_ins' ? item.rows[0] : undefined;
      const monitor = checkIn && itemMonitor(checkIn.monitor_slug, checkIn.environment);
      const segment = item.type === 'rows' && item.table === 'span_blocks' ? segmentOfBlocks(item.rows) : undefined;
      const summary: Omit<ItemSummary, 'seq'> = {
        kind, projectId: plan.projectId, envelopeId, eventId: item.type === 'event' ? item.eventId : item.eventId,
        title: title.slice(0, 500), level: item.level, timestamp: item.timestamp, received, issueId, ...(monitor ? { monitor } : {}),
        ...(segment ? { segment } : {}),
      };
      const seq = insertItem({
        seq: seqFloor.next(), envelope_id: envelopeId, item_index: item.itemIndex, project_id: plan.projectId, kind, event_id: summary.eventId,
        title: summary.title, level: summary.level, timestamp: summary.timestamp, received, issue_id: issueId,
      });
      result.items.push({ seq, ...summary });
    }
    // One summary row per trace of a transaction's spans (built on the prepare worker; the spans stay in the envelope).
    const spans = again.size > 0 ? plan.spans.filter((b) => !again.has(String(b.transaction_event_id))) : plan.spans;
    insert.many('span_blocks', { project_id: plan.projectId, envelope_id: envelopeId }, spans);
    countVitals(plan.projectId, received, spans);
    if (plan.segments?.length) {
      const filed = segments.write(plan, envelopeId);
      result.issues.push(...filed.assigned);
      if (filed.redetect.length > 0) result.segments = filed.redetect;
    }
    if (plan.replay) writeReplay(plan, envelopeId, plan.replay);
    countOutcomes(plan.projectId, received, countedItems(plan, again));
    return result;
  };
  // Deferred outcome counts are written with the issues' aggregates, once per transaction (outcome-counts.ts).
  const flush = (): void => { issues.flush(); countOutcomes.flush(); };
  const discard = (): void => { issues.discard(); countOutcomes.discard(); };
  return Object.assign(write, { flush, discard,
    /** A writer job: detects a streamed segment again from every stored part (see segment-writer.ts). */
    redetectSegment: (key: SegmentKey) => segments.redetect(key) });
}
