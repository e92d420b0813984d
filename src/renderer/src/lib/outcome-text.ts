/**
 * Words for Sentry's outcomes: data categories and the SDKs' discard reasons, each with what it
 * means and what to do. Reasons as the client reports spec lists them.
 * @see https://develop.sentry.dev/sdk/telemetry/client-reports/
 */
import type { OutcomeStats, OutcomeTotal } from '../../../shared/api-stats';
import { byteSize } from './format';

/** Sentry's data categories (relay's `DataCategory` names), singular and plural. */
const CATEGORIES: Record<string, [string, string]> = {
  error: ['error', 'errors'], default: ['event', 'events'], security: ['security report', 'security reports'],
  transaction: ['transaction', 'transactions'], span: ['span', 'spans'], attachment: ['attachments (size)', 'attachments (size)'],
  attachment_item: ['attachment', 'attachments'],
  session: ['session', 'sessions'], replay: ['replay', 'replays'], profile: ['profile', 'profiles'],
  profile_chunk: ['profile chunk', 'profile chunks'], monitor: ['check-in', 'check-ins'], log_item: ['log', 'logs'],
  log_byte: ['logs (size)', 'logs (size)'], feedback: ['feedback', 'feedback'], trace_metric: ['metric', 'metrics'],
  // Relay's `DataCategory::Unknown`, which Sentry's Stats has no row for: the JavaScript SDK counts a
  // `captureMessage` its full queue dropped so, before the message became an error or a default event.
  unknown: ['event of no known type (a message)', 'events of no known type (messages)'],
};

/**
 * Categories Relay counts in bytes, not items (`attachment` beside `attachment_item`, `log_byte`
 * beside `log_item`), with what the bytes are of; an SDK's client reports count them so too.
 * @see https://github.com/getsentry/relay/blob/master/relay-base-schema/src/data_category.rs
 */
const BYTE_CATEGORIES: Record<string, string> = { attachment: 'attachments', log_byte: 'logs' };

/** Whether the category counts bytes (`attachment`, `log_byte`), which do not add up with items. */
export function isByteCategory(category: string): boolean {
  return category in BYTE_CATEGORIES;
}

/** A category's quantity as read: a size for a byte category ("2.4 KiB"), else a count ("1,024"). */
export function quantityText(category: string, quantity: number): string {
  return category in BYTE_CATEGORIES ? byteSize(quantity) : quantity.toLocaleString('en-US');
}

/** "936 errors", "6.8 KiB of attachments". */
function amountText(category: string, quantity: number): string {
  const bytesOf = BYTE_CATEGORIES[category];
  return bytesOf ? `${byteSize(quantity)} of ${bytesOf}` : `${quantity.toLocaleString('en-US')} ${categoryLabel(category, quantity)}`;
}

export function categoryLabel(category: string, count = 2): string {
  const names = CATEGORIES[category];
  return names ? names[count === 1 ? 0 : 1] : category;
}

export interface ReasonText {
  /** Completes "The SDK dropped N errors …: <says>". */
  says: string;
  /** What to do about it. */
  advice: string;
  /** Dropped by the app's own configuration (sampling, `beforeSend`, Dedupe): not a loss to warn about. */
  onPurpose?: boolean;
}

const REASONS: Record<string, ReasonText> = {
  queue_overflow: { says: 'its queue overflowed', advice: 'It captured faster than it could send. Raise the SDK\'s queue (JavaScript: transportOptions.bufferSize, 64 by default; Python: transport_queue_size) or capture less in a burst.' },
  buffer_overflow: { says: 'a buffer of its own overflowed', advice: 'A batch buffer (spans, logs, replay or the offline cache) was full. Flush more often or send less of that kind.' },
  cache_overflow: { says: 'its offline cache was full', advice: 'Envelopes waiting to be re-sent filled the cache. Keep Lookout running while the app runs, or raise the cache size (mobile SDKs: maxCacheItems).' },
  network_error: { says: 'it could not reach Lookout', advice: 'Lookout was not running or not on the DSN\'s port while the app sent. Start Lookout before the app, and check the DSN\'s host and port.' },
  send_error: { says: 'Lookout answered with an error', advice: 'See Stream → Rejected for why (a body over --max-body answers 413).' },
  ratelimit_backoff: { says: 'it was backing off after a rate limit (429)', advice: 'Lookout never rate-limits: something between the app and Lookout (a proxy, a relay, Sentry itself) answered 429.' },
  backpressure: { says: 'its backpressure monitor lowered sampling', advice: 'The SDK judged the app unhealthy (a full queue or a busy process) and sent less. Send less in a burst.' },
  internal_sdk_error: { says: 'of an error inside the SDK', advice: 'Run the SDK with debug: true to see the error.' },
  callback_error: { says: 'a callback of the app threw', advice: 'beforeSend, tracesSampler or another callback threw an error: run the SDK with debug: true to see it.' },
  insufficient_data: { says: 'it had too little data to send', advice: 'A replay or a profile was too short to keep.' },
  invalid: { says: 'it failed the SDK\'s validation', advice: 'An item was invalid (e.g. a replay longer than the maximum).' },
  sample_rate: { says: 'of its sample rate', advice: 'sampleRate or tracesSampleRate (or tracesSampler) chose not to send them.', onPurpose: true },
  before_send: { says: 'beforeSend dropped them', advice: 'beforeSend (or beforeSendTransaction / beforeSendSpan) returned null.', onPurpose: true },
  event_processor: { says: 'an event processor dropped them', advice: 'An integration or event processor dropped them: Dedupe drops an error equal to the one before it.', onPurpose: true },
  ignored: { says: 'they matched an ignore rule', advice: 'ignoreErrors, ignoreTransactions or ignoreSpans matched them.', onPurpose: true },
  // Relay's reasons for the `invalid` outcome: an envelope item Lookout could not read (it keeps it as sent).
  invalid_json: { says: 'it is not valid JSON', advice: 'Lookout kept the item as sent but could not read it, nor the attachments sent with it: see the envelope in the Stream. A custom transport or a proxy may have cut or changed the body.' },
  no_event_payload: { says: 'it is not a JSON object', advice: 'The event item held no event object; Lookout kept it as sent (see the envelope in the Stream).' },
  invalid_replay: { says: 'the replay event is not valid JSON', advice: 'Lookout kept the item as sent but could not read it: see the envelope in the Stream.' },
  profiling_invalid_json: { says: 'the profile is not valid JSON', advice: 'Lookout kept the item as sent but could not read it: see the envelope in the Stream.' },
  duplicate_item: { says: 'their envelope held two event items', advice: 'As Relay, Lookout reads one event (one transaction, one feedback) per envelope and drops them all when there are two; the envelope\'s logs, sessions and spans were stored. Send each event in its own envelope.' },
  duplicate: { says: 'the event id was already stored', advice: 'As Sentry, Lookout keeps the first event of an id and drops a copy sent again (an SDK\'s retry, a Spotlight forward) with its attachments; the event page counts the copies ("2× received").', onPurpose: true },
  no_parent_span: { says: 'they had no parent span', advice: 'Spans started outside an active span were not recorded (onlyIfParent).', onPurpose: true },
};

export function reasonText(reason: string): ReasonText {
  return REASONS[reason] ?? { says: 'of a reason Lookout does not know', advice: 'See the SDK\'s documentation for this reason.' };
}

/** "in the last hour", "in the last 5 hours": the span from the earliest drop counted to now. */
export function sinceText(firstMs: number, now: number): string {
  const hours = Math.max(1, Math.ceil((now - firstMs) / 3_600_000));
  return hours === 1 ? 'in the last hour' : `in the last ${hours} hours`;
}

/** "web", "web and api", "web, api and 2 more": the projects a loss came from, most first. */
export function projectList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/** The projects that had `o` (same outcome, category and reason), most first: each name and its share. */
function projectsOf(stats: OutcomeStats, o: OutcomeTotal, nameOf: (id: number) => string): { name: string; quantity: number }[] {
  return stats.byProject.filter((p) => p.outcome === o.outcome && p.category === o.category && p.reason === o.reason)
    .sort((a, b) => b.quantity - a.quantity).map((p) => ({ name: nameOf(p.projectId), quantity: p.quantity }));
}

export interface DropLine extends OutcomeTotal {
  /** "The SDK of web dropped 936 errors in the last hour: its queue overflowed (queue_overflow)." */
  text: string;
  /** The projects it came from, by name, most first (over all projects only). */
  projects: string[];
  advice: string;
}

/**
 * What the Issues notice says: the losses the app did not ask for (not sampling, `beforeSend`
 * or Dedupe), largest first, those after `dismissedAt` only. Null when there is none. Over all
 * projects each line names the apps whose SDK dropped (`nameOf`), as Sentry's Stats lists projects.
 */
export function dropNotice(stats: OutcomeStats, now: number, dismissedAt: number,
  nameOf: (id: number) => string = String): { lines: DropLine[]; newestMs: number } | null {
  const lost = stats.outcomes.filter((o) => o.outcome !== 'accepted' && !reasonText(o.reason).onPurpose);
  if (lost.length === 0) return null;
  const newestMs = Math.max(...lost.map((o) => o.lastMs));
  if (newestMs <= dismissedAt) return null;
  const lines = [...lost].sort((a, b) => b.quantity - a.quantity).map((o): DropLine => {
    const { says, advice } = reasonText(o.reason);
    const from = stats.project === null ? projectsOf(stats, o, nameOf) : [];
    // Several apps: each with its share ("worker (95,670) and checkout-api (2)").
    const names = projectList(from.map((p) => (from.length === 1 ? p.name : `${p.name} (${quantityText(o.category, p.quantity)})`)));
    const sdk = from.length === 0 ? 'The SDK' : `The SDK${from.length === 1 ? '' : 's'} of ${names}`;
    const who = o.outcome === 'client_discard' ? `${sdk} dropped` : o.outcome === 'invalid' ? 'Lookout could not read' : 'A relay in front of Lookout dropped';
    const of = o.outcome !== 'client_discard' && from.length > 0 ? ` from ${names}` : '';
    const reason = from.length > 1 ? says.replace(/^its /, 'their ') : says;
    const why = o.outcome === 'client_discard' || o.outcome === 'invalid' ? `${reason} (${o.reason})` : `${o.outcome.replace('_', ' ')} (${o.reason || 'no reason given'})`;
    return { ...o, projects: from.map((p) => p.name), text: `${who} ${amountText(o.category, o.quantity)}${of} ${sinceText(o.firstMs, now)}: ${why}.`, advice };
  });
  return { lines, newestMs };
}
