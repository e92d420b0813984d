import type { IssueSummary, SimilarIssues } from '../../shared/api-types';
import { similarity, similarityFeatures, type SimilarityFeatures, type SimilarityScore } from '../grouping/similarity';
import type { DB } from '../store/db';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';

/** Issues compared with: the project's most recently seen (each costs reading one event, 0.1-2 ms). */
export const SIMILAR_CANDIDATES = 300;
/** Comparing stops here, newest issues first; the answer says how many were compared. */
export const SIMILAR_BUDGET_MS = 150;
/** Below this an issue is not listed: a shared framework frame or one common word is no likeness. */
export const SIMILAR_MIN_SCORE = 0.4;
const SHOWN = 10;

/**
 * Sentry's "Similar issues" of an issue: the issues of its project whose latest event is most
 * alike its own (stack frames, message, exception type), best first, as candidates to merge.
 * @see https://docs.sentry.io/product/issues/issue-details/#similar-issues
 */
export function similarIssues(db: DB, issueId: number, summary: (id: number) => IssueSummary | null): SimilarIssues | null {
  const issue = db.prepare('SELECT project_id, latest_event_id FROM issues WHERE id = ?').get(issueId) as
    { project_id: number; latest_event_id: string | null } | undefined;
  if (!issue) return null;
  const latest = db.prepare(`SELECT envelope_id, item_index, received, kind, payload, payload_codec, grouping FROM events
    WHERE event_id = ? AND project_id = ? ORDER BY id DESC LIMIT 1`);
  const features = (eventId: string | null): SimilarityFeatures | null => {
    const row = eventId === null ? undefined : latest.get(eventId, issue.project_id) as StoredEventRow | undefined;
    if (!row) return null;
    try { return similarityFeatures(loadEventPayload(db, row)); } catch { return null; }
  };
  const own = features(issue.latest_event_id);
  if (!own) return { items: [], compared: 0, candidates: SIMILAR_CANDIDATES, stoppedEarly: false };
  const others = db.prepare(`SELECT id, latest_event_id FROM issues INDEXED BY issues_project_last WHERE project_id = ? AND id != ?
    ORDER BY last_seen DESC, id DESC LIMIT ${SIMILAR_CANDIDATES}`).all(issue.project_id, issueId) as { id: number; latest_event_id: string | null }[];
  // The read API shares the thread with ingest: 300 events of ~1 MB took 605 ms in a review.
  const deadline = performance.now() + SIMILAR_BUDGET_MS;
  const scored: ({ id: number } & SimilarityScore)[] = [];
  let compared = 0;
  for (const o of others) {
    if (performance.now() > deadline) break;
    compared++;
    const theirs = features(o.latest_event_id);
    const score = theirs && similarity(own, theirs);
    if (score && score.score >= SIMILAR_MIN_SCORE) scored.push({ id: o.id, ...score });
  }
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  const items = scored.slice(0, SHOWN).flatMap(({ id, ...score }) => {
    const found = summary(id);
    return found ? [{ issue: found, ...score }] : [];
  });
  return { items, compared, candidates: SIMILAR_CANDIDATES, stoppedEarly: compared < others.length };
}
