import { useEffect, useState } from 'react';
import type { FeedbackListItem } from '../../../../shared/api-feedback';
import type { EventDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { KeyValueTable, type KeyValueRow } from '../../components/KeyValueTable';
import { RelativeTime } from '../../components/RelativeTime';
import { TruncatedText } from '../../components/TruncatedText';
import { absoluteTime } from '../../lib/format';
import { messageOf } from '../../lib/errors';
import { hrefOf } from '../../routing/navigation';
import { AttachmentsSection } from '../detail/AttachmentsSection';
import { TagsSection } from '../detail/SimpleSections';
import { feedbackSender } from './FeedbackRow';
import { environmentRows } from './feedback-environment';
import { DeleteFeedbackButton } from './DeleteFeedbackButton';
import { statusActions, useFeedbackChange } from './feedback-actions';
import { FeedbackReplay } from './FeedbackReplay';
import { useFeedbackReplay } from './use-feedback-replay';

/** The feedback event as stored (tags, contexts, screenshots); a user report has none. */
function useFeedbackEvent(eventId: string | null): { detail: EventDetail | null; error: string | null } {
  const [state, setState] = useState<{ id: string; detail: EventDetail | null; error: string | null } | null>(null);
  useEffect(() => {
    if (eventId === null) return;
    let live = true;
    api().event(eventId)
      .then((detail) => { if (live) setState({ id: eventId, detail, error: null }); })
      .catch((err: unknown) => { if (live) setState({ id: eventId, detail: null, error: messageOf(err) }); });
    return () => { live = false; };
  }, [eventId]);
  return state?.id === eventId ? state : { detail: null, error: null };
}

interface Props {
  item: FeedbackListItem;
  projectName: string | null;
  /** The row as the server has it after a change (read or unread, resolved, spam, back to the Inbox). */
  onChange: (items: FeedbackListItem[]) => void;
  onDeleted: (ids: number[]) => void;
}

/**
 * The detail pane: as Sentry's feedback item, the message, who sent it and from which page, the
 * browser / OS / device it came from and its tags, its screenshots (the attachment endpoint's
 * images), links to the error it is about, the replay and the trace, and the replay itself played from
 * just before the feedback was sent. Opening it marks it read;
 * as Sentry's feedback item, it is resolved (or unresolved), marked as spam (or moved back to the
 * Inbox), marked read or unread and deleted from its header.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/feedbackItem/feedbackItem.tsx
 */
export function FeedbackDetail({ item, projectName, onChange, onDeleted }: Props) {
  const { detail, error } = useFeedbackEvent(item.feedbackEventId);
  const change = useFeedbackChange(onChange);
  const setRead = (read: boolean) => { void change([item.id], { read }); };
  // Sentry marks a feedback seen when it is opened; only the id decides, so "Mark unread" sticks.
  useEffect(() => {
    if (!item.read) setRead(true);
  }, [item.id]);

  const replayId = item.replayId ?? null;
  const replay = useFeedbackReplay(replayId, item.feedbackEventId, item.received);
  const rows: KeyValueRow[] = [
    ['Name', item.name ?? '—'], ['E-mail', item.email ?? '—'], ['Page', item.url ?? '—'], ['Project', projectName ?? String(item.projectId)],
    ['Received', absoluteTime(item.received)], ['Source', item.source ?? (item.kind === 'user_report' ? 'user report' : '—')],
    ...(detail ? environmentRows(detail.payload) : []),
  ];
  return (
    <article className="feedback-detail" data-testid="feedback-detail" data-feedback-id={item.id}>
      <header className="feedback-detail-head">
        <h2 className="ellipsis" data-testid="feedback-detail-who">{feedbackSender(item)}{item.email && item.name ? ` <${item.email}>` : ''}</h2>
        <RelativeTime ms={item.received} />
        <span className="feedback-detail-actions">
          {item.status !== 'unresolved' && (
            <span className="badge" data-testid="feedback-detail-status">{item.status === 'resolved' ? 'Resolved' : 'Spam'}</span>
          )}
          {statusActions(item.status).map((a) => (
            <button key={a.testId} type="button" className="btn btn-small" data-testid={a.testId} onClick={() => void change([item.id], { status: a.status })}>
              {a.label}
            </button>
          ))}
          <button type="button" className="btn btn-small" data-testid="feedback-toggle-read" onClick={() => setRead(!item.read)}>
            {item.read ? 'Mark unread' : 'Mark read'}
          </button>
          <DeleteFeedbackButton ids={[item.id]} subject={`${feedbackSender(item)}: ${(item.message ?? '').slice(0, 120)}`} onDeleted={onDeleted}
            testId="feedback-delete" />
        </span>
      </header>
      <TruncatedText pre className="user-feedback-message" text={item.message ?? '(no message)'} limit={5000} testId="feedback-detail-message" />
      <KeyValueTable rows={rows} testId="feedback-detail-fields" />
      <FeedbackLinks item={item} replayId={replayId} replayAt={replay.momentMs} />
      {replayId && <FeedbackReplay key={replayId} replayId={replayId} state={replay.state} momentMs={replay.momentMs} />}
      {error && <p className="error-text small">Could not load the feedback event: {error}</p>}
      {detail && <AttachmentsSection attachments={detail.attachments} />}
      {detail && <TagsSection event={detail.payload} />}
    </article>
  );
}

/** Where to go from a feedback: the error it is about (its issue), the replay (at the feedback's moment), the trace, the event itself. */
function FeedbackLinks({ item, replayId, replayAt }: { item: FeedbackListItem; replayId: string | null; replayAt: number }) {
  const about = item.associatedEventId;
  return (
    <ul className="feedback-links" data-testid="feedback-links">
      {about && item.issueId !== null && (
        <li>Linked issue: <a href={hrefOf({ name: 'issue', issueId: item.issueId, eventId: about })} data-testid="feedback-issue-link">
          {item.issueTitle ?? `issue ${item.issueId}`}</a></li>
      )}
      {about && item.issueId === null && (
        <li>About error <a className="mono" href={hrefOf({ name: 'event', eventId: about })} data-testid="feedback-error-link">{about.slice(0, 12)}</a>
          <span className="muted small"> (not received yet, or in no issue)</span></li>
      )}
      {!about && <li className="muted" data-testid="feedback-unlinked">Not about an error: sent from the widget or <code>captureFeedback</code> on its own.</li>}
      {replayId && <li><a href={hrefOf({ name: 'replay', replayId, t: replayAt })} data-testid="feedback-replay-link">Replay</a></li>}
      {item.traceId && <li><a href={hrefOf({ name: 'trace', traceId: item.traceId })} data-testid="feedback-trace-link">Trace {item.traceId.slice(0, 8)}</a></li>}
      {item.feedbackEventId && (
        <li><a href={hrefOf({ name: 'event', eventId: item.feedbackEventId })} data-testid="feedback-event-open">The feedback event (raw)</a></li>
      )}
    </ul>
  );
}
