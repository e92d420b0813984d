import { FEEDBACK_PAGE_MAX, type FeedbackListItem } from '../../shared/api-feedback';
import type { DB } from '../store/db';
import { feedbackQueries } from './feedback-queries';
import { HttpError, intParam, readJson } from './http-util';
import type { Router } from './router';

interface Deps {
  db: DB;
  /** Runs a write in the store's writer, so it never interleaves with ingest. */
  submitWrite: <T>(run: () => T) => Promise<T>;
}

const optionalId = (v: string | null) => (v ? intParam(v, 0, 0, Number.MAX_SAFE_INTEGER) : undefined);

/**
 * The User Feedback page's routes: `GET /feedback?project=&query=&before=&limit=` (newest first),
 * `GET /feedback/:id` and `PUT /feedback/:id` with `{"read": true|false}`, as Sentry's feedback
 * list marks a feedback seen when it is opened and offers "Mark unread".
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/feedbackItem/useMarkAsRead.tsx
 */
export function feedbackRoutes(r: Router, deps: Deps): void {
  const feedback = feedbackQueries(deps.db);
  r.on('GET', /^\/feedback$/, ({ url }) => {
    const p = url.searchParams;
    return feedback.list({ project: optionalId(p.get('project')), query: p.get('query') ?? undefined,
      before: p.get('before') ?? undefined, limit: intParam(p.get('limit'), 50, 1, FEEDBACK_PAGE_MAX) });
  });
  r.on('GET', /^\/feedback\/(\d+)$/, (ctx) => feedback.one(intParam(ctx.params[0] ?? null, 0, 0, Number.MAX_SAFE_INTEGER)));
  r.on('PUT', /^\/feedback\/(\d+)$/, async (ctx): Promise<FeedbackListItem> => {
    const id = intParam(ctx.params[0] ?? null, 0, 0, Number.MAX_SAFE_INTEGER);
    const body = await readJson(ctx.req) as { read?: unknown } | null;
    if (typeof body?.read !== 'boolean') throw new HttpError(400, 'a feedback takes {"read": true} or {"read": false}');
    const read = body.read;
    return deps.submitWrite(() => feedback.setRead(id, read));
  });
}
