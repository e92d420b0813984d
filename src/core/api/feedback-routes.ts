import { FEEDBACK_BULK_MAX, FEEDBACK_PAGE_MAX, FEEDBACK_STATUSES, type FeedbackChange, type FeedbackListItem, type FeedbackStatus } from '../../shared/api-feedback';
import type { DB } from '../store/db';
import { streamPosition } from '../store/deletion-mark';
import { deleteFeedback } from '../store/feedback-delete';
import { feedbackChanges, parseFeedbackChange } from './feedback-changes';
import { feedbackQueries, notFound } from './feedback-queries';
import { HttpError, intParam, readJson } from './http-util';
import type { Router } from './router';
import type { SseHub } from './sse-hub';

interface Deps {
  db: DB;
  /** Tells every open window what changed, so another tab's list follows. */
  hub: SseHub;
  /** Runs a write in the store's writer, so it never interleaves with ingest. */
  submitWrite: <T>(run: () => T) => Promise<T>;
}

const optionalId = (v: string | null) => (v ? intParam(v, 0, 0, Number.MAX_SAFE_INTEGER) : undefined);

function statusParam(v: string | null): FeedbackStatus | undefined {
  if (v === null || v === '') return undefined;
  if (!(FEEDBACK_STATUSES as readonly string[]).includes(v)) throw new HttpError(400, `unknown status ${JSON.stringify(v)}`);
  return v as FeedbackStatus;
}

/** The `id` parameters of a bulk change: at least one, each a number, at most {@link FEEDBACK_BULK_MAX}. */
function idsParam(url: URL): number[] {
  const raw = url.searchParams.getAll('id');
  if (raw.length === 0) throw new HttpError(400, 'name the feedback: ?id=1&id=2');
  if (raw.length > FEEDBACK_BULK_MAX) throw new HttpError(400, `at most ${FEEDBACK_BULK_MAX} feedbacks at once`);
  return raw.map((v) => {
    if (!/^\d{1,15}$/.test(v)) throw new HttpError(400, `feedback id ${JSON.stringify(v)} is not a number`);
    return Number(v);
  });
}

/**
 * The User Feedback page's routes, as Sentry's feedback list: `GET /feedback?status=&project=&query=&before=&limit=`
 * (one mailbox, the Inbox by default, newest first), `GET /feedback/:id`, and changes to one
 * (`PUT /feedback/:id`) or many (`PUT /feedback?id=1&id=2`) with `{"read": bool}` and/or
 * `{"status": "unresolved" | "resolved" | "ignored"}` (Inbox, Resolved, Spam), and Delete of one
 * (`DELETE /feedback/:id`) or many (`DELETE /feedback?id=1&id=2`). Each change is
 * published on the live stream (`{ type: 'feedback' }`), so every open window follows it.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/useBulkEditFeedbacks.tsx
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/feedbackItem/useMarkAsRead.tsx
 */
export function feedbackRoutes(r: Router, deps: Deps): void {
  const feedback = feedbackQueries(deps.db);
  const change = feedbackChanges(deps.db);
  const apply = async (ids: number[], body: FeedbackChange): Promise<FeedbackListItem[]> => {
    const items = await deps.submitWrite(() => change(ids, body));
    if (items.length > 0) deps.hub.publish(streamPosition(deps.db), { type: 'feedback', ids: items.map((i) => i.id), change: body });
    return items;
  };
  r.on('GET', /^\/feedback$/, ({ url }) => {
    const p = url.searchParams;
    return feedback.list({ status: statusParam(p.get('status')), project: optionalId(p.get('project')), query: p.get('query') ?? undefined,
      before: p.get('before') ?? undefined, limit: intParam(p.get('limit'), 50, 1, FEEDBACK_PAGE_MAX) });
  });
  r.on('GET', /^\/feedback\/(\d+)$/, (ctx) => feedback.one(intParam(ctx.params[0] ?? null, 0, 0, Number.MAX_SAFE_INTEGER)));
  r.on('PUT', /^\/feedback\/(\d+)$/, async (ctx): Promise<FeedbackListItem> => {
    const id = intParam(ctx.params[0] ?? null, 0, 0, Number.MAX_SAFE_INTEGER);
    const [item] = await apply([id], parseFeedbackChange(await readJson(ctx.req)));
    return item ?? notFound(id);
  });
  r.on('PUT', /^\/feedback$/, async (ctx): Promise<{ items: FeedbackListItem[] }> => {
    const ids = idsParam(ctx.url);
    return { items: await apply(ids, parseFeedbackChange(await readJson(ctx.req))) };
  });
  const remove = async (ids: number[]): Promise<{ deleted: number[] }> => {
    const deleted = await deps.submitWrite(() => deleteFeedback(deps.db, ids));
    if (deleted.length > 0) deps.hub.publish(streamPosition(deps.db), { type: 'feedback', ids: deleted, change: {}, deleted: true });
    return { deleted };
  };
  r.on('DELETE', /^\/feedback\/(\d+)$/, async (ctx) => {
    const id = intParam(ctx.params[0] ?? null, 0, 0, Number.MAX_SAFE_INTEGER);
    const done = await remove([id]);
    return done.deleted.length > 0 ? done : notFound(id);
  });
  r.on('DELETE', /^\/feedback$/, async (ctx) => remove(idsParam(ctx.url)));
}
