import type { SentryEvent } from '../../../../shared/sentry';
import { KeyValueTable, type KeyValueRow } from '../../components/KeyValueTable';
import { Section } from '../../components/Section';
import { TruncatedText } from '../../components/TruncatedText';
import { hrefOf } from '../../routing/navigation';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * What a user wrote in the feedback widget (`contexts.feedback`): the message first, then who
 * sent it, from which page, and the error event it is about.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export function FeedbackSection({ event }: { event: SentryEvent }) {
  const feedback: unknown = event.contexts?.feedback;
  if (typeof feedback !== 'object' || feedback === null) return null;
  const f = feedback as Record<string, unknown>;
  const about = text(f.associated_event_id);
  const rows: KeyValueRow[] = [
    ['name', text(f.name) ?? '—'], ['email', text(f.contact_email) ?? '—'], ['page', text(f.url) ?? '—'], ['source', text(f.source) ?? '—'],
  ];
  return (
    <Section title="User feedback" testId="feedback" id="feedback">
      <TruncatedText pre className="message-text" text={text(f.message) ?? '(no message)'} limit={5000} testId="feedback-message" />
      <KeyValueTable rows={rows} testId="feedback-fields" />
      {about && <p className="small">About event <a className="mono" href={hrefOf({ name: 'event', eventId: about })} data-testid="feedback-event-link">{about.slice(0, 12)}</a></p>}
    </Section>
  );
}
