/**
 * Gives a replay's feedback markers what Sentry's replay breadcrumbs show for them: the SDK's
 * `sentry.feedback` breadcrumb names only the feedback event's id, so its message (and the
 * stored feedback, to link to) come from Lookout's feedback table.
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/replay-internal/src/coreHandlers/util/addFeedbackBreadcrumb.ts
 * @see https://github.com/getsentry/sentry/blob/master/static/app/utils/replays/getFrameDetails.tsx
 */
import type { ReplayMarkerInfo } from '../../shared/api-replay';
import { normalizeEventId } from '../pipeline/normalize-event';
import type { DB } from '../store/db';

/** What a marker says when its feedback never reached Lookout (sampled out, deleted, or still on its way). */
export const FEEDBACK_NOT_RECEIVED = 'User Feedback (not received)';

/** Returns a function that labels feedback markers with the stored feedback's message and row id. */
export function feedbackMarkerLabeller(db: DB): (markers: ReplayMarkerInfo[]) => ReplayMarkerInfo[] {
  const byEventId = db.prepare(`SELECT id, message FROM feedback WHERE event_id = ? AND project_id IN (SELECT id FROM projects)
    ORDER BY id LIMIT 1`);
  return (markers) => markers.map((marker) => {
    if (marker.kind !== 'feedback') return marker;
    const eventId = normalizeEventId(marker.feedbackEventId);
    const row = eventId ? (byEventId.get(eventId) as { id: number; message: string | null } | undefined) : undefined;
    if (!row) return { ...marker, label: FEEDBACK_NOT_RECEIVED, feedbackId: null };
    return { ...marker, ...(eventId ? { feedbackEventId: eventId } : {}), label: row.message ?? '(no message)', feedbackId: row.id };
  });
}
