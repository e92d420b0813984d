import type { SentryEvent } from '../../shared/sentry';
import { type Component, leaf } from './component';
import { logEntryOf } from './event-fields';
import { normalizeMessage } from './parameterize';

/**
 * The `message:v1` strategy: the log message template (else the formatted message), cut to two
 * lines and parameterized, as Sentry's `strategies/message.py`.
 * @see https://develop.sentry.dev/backend/grouping/#message-fallback
 */
export function messageComponent(event: SentryEvent): Component | undefined {
  const { message, formatted } = logEntryOf(event);
  const raw = message ?? formatted;
  if (raw === undefined) return undefined;
  const normalized = normalizeMessage(raw);
  if (!normalized) return undefined;
  return leaf('message', normalized, normalized !== raw ? 'stripped event-specific values' : undefined);
}
