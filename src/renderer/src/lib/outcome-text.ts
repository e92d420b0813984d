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
};

/**
 * Categories Relay counts in bytes, not items (`attachment` beside `attachment_item`, `log_byte`
 * beside `log_item`), with what the bytes are of; an SDK's client reports count them so too.
 * @see https://github.com/getsentry/relay/blob/master/relay-base-schema/src/data_category.rs
 */
const BYTE_CATEGORIES: Record<string, string> = { attachment: 'attachments', log_byte: 'logs' };

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

export interface DropLine extends OutcomeTotal {
  /** "The SDK dropped 936 errors in the last hour: its queue overflowed (queue_overflow)." */
  text: string;
  advice: string;
}

/**
 * What the Issues notice says: the losses the app did not ask for (not sampling, `beforeSend`
 * or Dedupe), largest first, those after `dismissedAt` only. Null when there is none.
 */
export function dropNotice(stats: OutcomeStats, now: number, dismissedAt: number): { lines: DropLine[]; newestMs: number } | null {
  const lost = stats.outcomes.filter((o) => o.outcome !== 'accepted' && !reasonText(o.reason).onPurpose);
  if (lost.length === 0) return null;
  const newestMs = Math.max(...lost.map((o) => o.lastMs));
  if (newestMs <= dismissedAt) return null;
  const lines = [...lost].sort((a, b) => b.quantity - a.quantity).map((o): DropLine => {
    const { says, advice } = reasonText(o.reason);
    const who = o.outcome === 'client_discard' ? 'The SDK dropped' : 'A relay in front of Lookout dropped';
    const why = o.outcome === 'client_discard' ? `${says} (${o.reason})` : `${o.outcome.replace('_', ' ')} (${o.reason || 'no reason given'})`;
    return { ...o, text: `${who} ${amountText(o.category, o.quantity)} ${sinceText(o.firstMs, now)}: ${why}.`, advice };
  });
  return { lines, newestMs };
}
