import type { EventDetail } from '../../../../shared/api-types';
import type { SentryEvent } from '../../../../shared/sentry';
import { KeyValueTable, rowsOf, type KeyValueRow } from '../../components/KeyValueTable';
import { Section } from '../../components/Section';
import { TruncatedText } from '../../components/TruncatedText';
import { absoluteTime, toMillis } from '../../lib/format';
import { issuesWithTag } from './TagBars';
import { screenTagValue } from '../../../../shared/screen-mask';

/** The log message of message events (`logentry`), formatted when the SDK sent params. */
export function MessageSection({ event }: { event: SentryEvent }) {
  const entry = typeof event.logentry === 'object' && event.logentry !== null ? event.logentry
    : typeof event.message === 'object' && event.message !== null ? event.message : null;
  const text = typeof event.message === 'string' ? event.message
    : entry ? (typeof entry.formatted === 'string' && entry.formatted) || (typeof entry.message === 'string' ? entry.message : '') : '';
  if (!text) return null;
  return (
    <Section title="Message" testId="message" id="message">
      <TruncatedText pre className="message-text" text={text} limit={5000} testId="event-message" ansi mask />
    </Section>
  );
}

/**
 * Event tags (pairs, as normalised by the server; an object is accepted too). Each chip links to
 * the issues with that tag (`key:"value"`), as Sentry's tag chips do; a pair the search cannot
 * express stays plain text.
 */
export function TagsSection({ event }: { event: SentryEvent }) {
  const raw: unknown = event.tags;
  const pairs: [string, string][] = Array.isArray(raw)
    ? raw.flatMap((p): [string, string][] => (Array.isArray(p) && p.length >= 2 ? [[String(p[0]), String(p[1])]] : []))
    : typeof raw === 'object' && raw !== null ? Object.entries(raw).map(([k, v]) => [k, String(v)]) : [];
  if (pairs.length === 0) return null;
  return (
    <Section title="Tags" testId="event-tags">
      <div className="chips">
        {pairs.slice(0, 500).map(([k, v], i) => (
          <TagChip key={`${k}-${i}`} tagKey={k} value={v} />
        ))}
      </div>
    </Section>
  );
}

function TagChip({ tagKey, value }: { tagKey: string; value: string }) {
  const href = issuesWithTag(tagKey, value);
  // A chip is a link: its secret parts stay masked (the event's Raw JSON has the value), the link searches the real value.
  const shown = screenTagValue(tagKey, value);
  const parts = <><span className="chip-key" title={tagKey}>{tagKey}</span><bdi className="chip-value">{shown}</bdi></>;
  return href
    ? <a className="chip chip-link" href={href} data-testid="event-tag" title={`Issues with ${tagKey}: ${shown}`}>{parts}</a>
    : <span className="chip" data-testid="event-tag">{parts}</span>;
}

/** Release, environment and the other top-level facts of the event. */
export function EventFactsSection({ detail }: { detail: EventDetail }) {
  const p = detail.payload;
  const rows: KeyValueRow[] = [
    ['Event ID', detail.eventId], ['Time', absoluteTime(toMillis(p.timestamp) ?? detail.timestamp)],
    ['Received', absoluteTime(detail.received)], ['Release', p.release], ['Distribution', p.dist],
    ['Environment', p.environment], ['Platform', p.platform], ['Level', p.level], ['Logger', p.logger],
    ['Transaction', p.transaction], ['Server', p.server_name], ['Fingerprint', p.fingerprint],
  ];
  return (
    <Section title="Event" testId="event-facts">
      <KeyValueTable rows={rows.filter(([, v]) => v !== undefined && v !== null && v !== '')} />
    </Section>
  );
}

export function UserSection({ event }: { event: SentryEvent }) {
  // As in Contexts, a field sent as null is left out, as Sentry's user card does.
  const rows = rowsOf(event.user).filter(([, v]) => v !== null);
  if (rows.length === 0) return null;
  return <Section title="User" testId="user" id="user"><KeyValueTable rows={rows} testId="user-table" /></Section>;
}

export function ExtraSection({ event }: { event: SentryEvent }) {
  const rows = rowsOf(event.extra);
  if (rows.length === 0) return null;
  return <Section title="Additional data" testId="extra"><KeyValueTable rows={rows} /></Section>;
}

/** SDK name/version, integrations and packages. */
export function SdkSection({ event }: { event: SentryEvent }) {
  const sdk = event.sdk;
  if (typeof sdk !== 'object' || sdk === null) return null;
  const integrations = Array.isArray(sdk.integrations) ? sdk.integrations.filter((i): i is string => typeof i === 'string') : [];
  const packages = Array.isArray(sdk.packages) ? sdk.packages : [];
  return (
    <Section title="SDK" testId="sdk" defaultOpen={false}>
      <KeyValueTable rows={[['Name', sdk.name], ['Version', sdk.version]]} />
      {integrations.length > 0 && (
        <>
          <h4>Integrations ({integrations.length})</h4>
          <div className="chips">{integrations.slice(0, 300).map((i) => <span className="chip" key={i}>{i}</span>)}</div>
        </>
      )}
      {packages.length > 0 && (
        <>
          <h4>Packages</h4>
          <KeyValueTable rows={packages.slice(0, 300).map((p, i): KeyValueRow => [String(p?.name ?? `#${i}`), p?.version])} />
        </>
      )}
    </Section>
  );
}
