import {
  FEEDBACK_LIST_MAX, type FeedbackListItem, type FeedbackStatus, type FeedbackPage, type FeedbackQuery, type UserFeedbackList,
} from '../../shared/api-feedback';
import type { DB } from '../store/db';
import { normalizeEventId } from '../pipeline/normalize-event';
import { HttpError } from './http-util';
import { feedbackPageQueries } from './feedback-page';
import { FEEDBACK_COLUMNS, NEWEST_FIRST, toFeedback, type FeedbackRow } from './feedback-row';

/** The mailbox Sentry's feedback list calls Spam: left out of an issue's and an event's feedback, only counted. */
const SPAM: FeedbackStatus = 'ignored';

/**
 * The feedback about an issue's events, two ways round (CROSS JOIN keeps the order written).
 * Walking the feedback costs one lookup per feedback in the store, walking the issue's events
 * one per event: an error loop's issue holds a million events and no feedback, a store can hold
 * thousands of feedbacks about small issues. `aboutIssue` takes the shorter walk.
 */
// INDEXED BY: the feedback page's `feedback_newest` (migration 027) would otherwise walk every feedback, linked or not.
export const ISSUE_FEEDBACK_BY_FEEDBACK_SQL = `SELECT f.id, f.status FROM feedback f INDEXED BY feedback_about CROSS JOIN events e
  ON e.project_id = f.project_id AND e.event_id = f.associated_event_id
  WHERE f.associated_event_id IS NOT NULL AND e.issue_id = ? ${NEWEST_FIRST}`;
export const ISSUE_FEEDBACK_BY_EVENTS_SQL = `SELECT f.id, f.status FROM events e CROSS JOIN feedback f
  ON f.associated_event_id = e.event_id AND f.project_id = e.project_id
  WHERE e.issue_id = ? ${NEWEST_FIRST}`;
export const EVENT_FEEDBACK_SQL = `SELECT ${FEEDBACK_COLUMNS} FROM feedback f WHERE f.associated_event_id = ? AND f.project_id = ?
  AND f.status <> '${SPAM}' ${NEWEST_FIRST} LIMIT ?`;

/**
 * User feedback by the error it is about: both forms live in the `feedback` table (migration
 * 014), joined to `events` when read. Feedback sent before its error is therefore found as soon
 * as the error is stored, and ingest does nothing extra for an error event. Feedback marked as
 * spam is left out of both lists and counted in `spam`, as Sentry's issue page leaves spam out.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export function feedbackQueries(db: DB) {
  const issueExists = db.prepare('SELECT 1 FROM issues WHERE id = ?').pluck();
  const linkedFeedback = db.prepare('SELECT COUNT(*) FROM feedback WHERE associated_event_id IS NOT NULL').pluck();
  const issueEventsUpTo = db.prepare('SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE issue_id = ? LIMIT ?)').pluck();
  const byFeedback = db.prepare(ISSUE_FEEDBACK_BY_FEEDBACK_SQL);
  const byEvents = db.prepare(ISSUE_FEEDBACK_BY_EVENTS_SQL);
  const rowsById = db.prepare(`SELECT ${FEEDBACK_COLUMNS} FROM feedback f WHERE f.id IN (SELECT value FROM json_each(?)) ${NEWEST_FIRST}`);
  // As EVENT_BY_ID_SQL (one lookup per project in the UNIQUE index), without reading the payload.
  const eventProject = db.prepare('SELECT project_id FROM events WHERE project_id IN (SELECT id FROM projects) AND event_id = ? ORDER BY id LIMIT 1').pluck();
  const ofEvent = db.prepare(EVENT_FEEDBACK_SQL);
  const countOfEvent = db.prepare(`SELECT COUNT(*) FROM feedback WHERE associated_event_id = ? AND project_id = ? AND status <> '${SPAM}'`).pluck();
  const spamOfEvent = db.prepare(`SELECT COUNT(*) FROM feedback WHERE associated_event_id = ? AND project_id = ? AND status = '${SPAM}'`).pluck();
  const bounded = (limit: number) => Math.min(Math.max(1, Math.floor(limit)), FEEDBACK_LIST_MAX);

  function aboutIssue(issueId: number, limit = FEEDBACK_LIST_MAX): UserFeedbackList {
    if (issueExists.get(issueId) === undefined) throw new HttpError(404, `no issue ${issueId}`);
    const feedbacks = linkedFeedback.get() as number;
    if (feedbacks === 0) return { items: [], total: 0, spam: 0 };
    const fewerEvents = (issueEventsUpTo.get(issueId, feedbacks) as number) < feedbacks;
    const rows = (fewerEvents ? byEvents : byFeedback).all(issueId) as { id: number; status: string }[];
    const ids = rows.filter((r) => r.status !== SPAM).map((r) => r.id);
    const items = (rowsById.all(JSON.stringify(ids.slice(0, bounded(limit)))) as FeedbackRow[]).map(toFeedback);
    return { items, total: ids.length, spam: rows.length - ids.length };
  }

  function aboutEvent(eventId: string, limit = FEEDBACK_LIST_MAX): UserFeedbackList {
    const id = normalizeEventId(eventId);
    const project = id === null ? undefined : eventProject.get(id) as number | undefined;
    if (id === null || project === undefined) throw new HttpError(404, `no event ${eventId}`);
    const items = (ofEvent.all(id, project, bounded(limit)) as FeedbackRow[]).map(toFeedback);
    return { items, total: items.length < bounded(limit) ? items.length : countOfEvent.get(id, project) as number,
      spam: spamOfEvent.get(id, project) as number };
  }

  const page = feedbackPageQueries(db);
  return {
    aboutIssue, aboutEvent,
    /** The User Feedback page: one mailbox's feedback, newest first, filtered by project and text. */
    list: (q: FeedbackQuery): FeedbackPage => page.list(q),
    /** One row of that page, for the detail pane of a feedback not in the page loaded. */
    one: (id: number): FeedbackListItem => page.one(id) ?? notFound(id),
  };
}

export function notFound(id: number): never {
  throw new HttpError(404, `no feedback ${id}`);
}
