import {
  FEEDBACK_PAGE_MAX, FEEDBACK_STATUSES, type FeedbackListItem, type FeedbackPage, type FeedbackQuery, type FeedbackStatus,
} from '../../shared/api-feedback';
import type { DB } from '../store/db';
import { HttpError } from './http-util';
import { FEEDBACK_COLUMNS, toFeedback, type FeedbackRow } from './feedback-row';

interface PageRow extends FeedbackRow {
  project_id: number; read_at: number | null; status: string; issue_id: number | null; issue_title: string | null;
  attachment_count: number; replay_id: string | null; trace_id: string | null;
}

/**
 * A feedback with what the list shows beside it. The associated error and the feedback event are
 * each one seek in `events`' UNIQUE (project_id, event_id); a user report is no event, so only a
 * feedback event's attachments are counted (a report's `event_id` is the error's).
 */
const SELECT_ROWS = `SELECT ${FEEDBACK_COLUMNS}, f.project_id, f.read_at, f.status, ae.issue_id, i.title AS issue_title,
  fe.replay_id, fe.trace_id,
  CASE WHEN f.kind = 'feedback' THEN (SELECT COUNT(*) FROM attachments a WHERE a.event_id = f.event_id AND a.project_id = f.project_id) ELSE 0 END
    AS attachment_count
  FROM feedback f
  LEFT JOIN events ae ON ae.project_id = f.project_id AND ae.event_id = f.associated_event_id
  LEFT JOIN issues i ON i.id = ae.issue_id
  LEFT JOIN events fe ON f.kind = 'feedback' AND fe.project_id = f.project_id AND fe.event_id = f.event_id`;

/** Filters shared by the page and its unread count: `@project` and the `@pattern` LIKE text, each skipped when null. */
const FILTERS = `(@project IS NULL OR f.project_id = @project)
  AND (@pattern IS NULL OR f.message LIKE @pattern ESCAPE '\\' OR f.name LIKE @pattern ESCAPE '\\'
    OR f.email LIKE @pattern ESCAPE '\\' OR f.url LIKE @pattern ESCAPE '\\')`;

/** A stored status Lookout does not know reads as the Inbox, so the feedback is not lost from view. */
const statusOf = (s: string): FeedbackStatus => ((FEEDBACK_STATUSES as readonly string[]).includes(s) ? s as FeedbackStatus : 'unresolved');

function toItem(r: PageRow): FeedbackListItem {
  return {
    ...toFeedback(r), projectId: r.project_id, read: r.read_at !== null, status: statusOf(r.status), issueId: r.issue_id, issueTitle: r.issue_title,
    attachmentCount: r.attachment_count, replayId: r.replay_id, traceId: r.trace_id,
  };
}

/** `received:id` of a row, the cursor of the page after it. */
const cursorOf = (r: PageRow) => `${r.received}:${r.id}`;

function parseCursor(before: string | undefined): { received: number; id: number } | null {
  if (before === undefined || before === '') return null;
  const m = /^(\d{1,15}):(\d{1,15})$/.exec(before);
  if (!m) throw new HttpError(400, `bad cursor ${JSON.stringify(before)}`);
  return { received: Number(m[1]), id: Number(m[2]) };
}

/** Text to find anywhere, as a LIKE pattern (case-insensitive for ASCII, as SQLite's LIKE is); `%` and `_` typed match themselves. */
function likePattern(query: string | undefined): string | null {
  const text = query?.trim() ?? '';
  return text === '' ? null : `%${text.slice(0, 200).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The User Feedback page as Sentry's feedback list shows it: every feedback (about an error or
 * not, both forms) of one mailbox (Inbox, Resolved or Spam), newest first, paged on (status,
 * received, id) through `feedback_status_newest` (migration 030), with its read state and every
 * mailbox's count. Text search scans the feedback rows, which are few beside events.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackList.tsx
 */
export function feedbackPageQueries(db: DB) {
  const page = db.prepare(`${SELECT_ROWS} WHERE f.status = @status AND ${FILTERS}
    AND (@beforeId IS NULL OR f.received < @beforeReceived OR (f.received = @beforeReceived AND f.id < @beforeId))
    ORDER BY f.received DESC, f.id DESC LIMIT @limit`);
  const unread = db.prepare(`SELECT COUNT(*) FROM feedback f WHERE f.status = @status AND f.read_at IS NULL AND ${FILTERS}`).pluck();
  const counts = db.prepare(`SELECT f.status, COUNT(*) AS n FROM feedback f WHERE ${FILTERS} GROUP BY f.status`);
  const byId = db.prepare(`${SELECT_ROWS} WHERE f.id = ?`);

  function list(q: FeedbackQuery): FeedbackPage {
    const limit = Math.min(Math.max(1, Math.floor(q.limit ?? 50)), FEEDBACK_PAGE_MAX);
    const cursor = parseCursor(q.before);
    const filters = { project: q.project ?? null, pattern: likePattern(q.query) };
    const status = q.status ?? 'unresolved';
    const rows = page.all({ ...filters, status, beforeReceived: cursor?.received ?? null, beforeId: cursor?.id ?? null, limit: limit + 1 }) as PageRow[];
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      items: shown.map(toItem),
      nextCursor: rows.length > limit && last ? cursorOf(last) : null,
      unread: unread.get({ ...filters, status }) as number,
      counts: mailboxCounts(filters),
    };
  }

  function mailboxCounts(filters: { project: number | null; pattern: string | null }): FeedbackPage['counts'] {
    const out: FeedbackPage['counts'] = { unresolved: 0, resolved: 0, ignored: 0 };
    for (const r of counts.all(filters) as { status: string; n: number }[]) out[statusOf(r.status)] += r.n;
    return out;
  }

  function one(id: number): FeedbackListItem | null {
    const row = byId.get(id) as PageRow | undefined;
    return row ? toItem(row) : null;
  }

  return { list, one };
}
