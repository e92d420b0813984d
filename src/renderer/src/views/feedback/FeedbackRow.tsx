import { memo } from 'react';
import type { FeedbackListItem } from '../../../../shared/api-feedback';
import { RelativeTime } from '../../components/RelativeTime';
import { hrefOf } from '../../routing/navigation';

/** Who sent it, as Sentry's list names them: the name, else the e-mail, else "Anonymous User". */
export function feedbackSender(item: Pick<FeedbackListItem, 'name' | 'email'>): string {
  return item.name ?? item.email ?? 'Anonymous User';
}

interface Props {
  item: FeedbackListItem;
  projectName: string | null;
  /** Open in the detail pane. */
  open: boolean;
  /** The keyboard's row (`j`/`k`). */
  focused: boolean;
  /** The link that opens it, keeping the page's filters. */
  href: string;
  onFocus: (id: number) => void;
}

/**
 * One feedback in the list, laid out as Sentry's feedback card: sender and time, an unread dot
 * and the message, then the project and what came with it (linked issue, screenshot, replay).
 * Everything the user typed is rendered as text.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackListItem.tsx
 */
function FeedbackRowImpl({ item, projectName, open, focused, href, onFocus }: Props) {
  return (
    <a className={`feedback-card${open ? ' is-open' : ''}${focused ? ' is-focused' : ''}${item.read ? '' : ' is-unread'}`} href={href}
      data-testid="feedback-row" data-feedback-id={item.id} data-read={item.read ? 'true' : 'false'} data-status={item.status} aria-current={open ? 'true' : undefined}
      onMouseDown={() => onFocus(item.id)}>
      <span className="feedback-card-who ellipsis" data-testid="feedback-row-who">{feedbackSender(item)}</span>
      <RelativeTime ms={item.received} />
      <span className="feedback-card-dot" aria-label={item.read ? undefined : 'Unread'} role={item.read ? undefined : 'img'} />
      <span className="feedback-card-message ellipsis" data-testid="feedback-row-message">{item.message ?? '(no message)'}</span>
      <span className="feedback-card-meta small muted">
        <span className="ellipsis">{projectName ?? `project ${item.projectId}`}</span>
        {item.kind === 'user_report' && <span className="badge">User report</span>}
        {item.associatedEventId && (
          <span className="badge" data-testid="feedback-row-linked" title={item.issueTitle ?? 'The error it is about has not arrived'}>
            {item.issueId !== null ? 'Linked issue' : 'Linked error'}
          </span>
        )}
        {item.attachmentCount > 0 && <span className="badge" data-testid="feedback-row-screenshot">Screenshot</span>}
        {item.replayId && <span className="badge">Replay</span>}
      </span>
    </a>
  );
}

export const FeedbackRow = memo(FeedbackRowImpl);

/** The page's mailbox (the Inbox when none) and filters, as its URL keeps them. */
export interface FeedbackFilters { mailbox?: 'resolved' | 'ignored'; project?: number; query?: string }

/** The link of a feedback on the page: the page's mailbox and filters with its id. */
export function feedbackHref(filters: FeedbackFilters, id: number): string {
  return hrefOf({ name: 'feedback', ...filters, id });
}
