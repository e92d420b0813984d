import type { SentryEvent, SentryException, SentryFrame, SentryStacktrace, SentryThread } from '../../shared/sentry';

/**
 * Tolerant readers for the parts of an event grouping needs. Events are untrusted input: every
 * field may be missing or of another type, and `exception`/`threads` may be a bare array.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */

/** The value if it is a string. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Non-empty string or undefined (Sentry treats '' like a missing value). */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valuesOf(container: unknown): unknown[] {
  if (Array.isArray(container)) return container;
  if (isRecord(container) && Array.isArray(container.values)) return container.values;
  return [];
}

/** A frame's function name as Relay keeps it: `?` (unknown) is dropped. */
export function frameFunction(frame: unknown): string | undefined {
  if (!isRecord(frame)) return undefined;
  const name = text(frame.function);
  return name === '?' ? undefined : name;
}

/** Exceptions oldest first (the last one is the main exception), null entries dropped. */
export function exceptionsOf(event: SentryEvent): SentryException[] {
  return valuesOf(event.exception).filter(isRecord) as SentryException[];
}

/** Threads of the event, null entries dropped. */
export function threadsOf(event: SentryEvent): SentryThread[] {
  return valuesOf(event.threads).filter(isRecord) as SentryThread[];
}

/** The `stacktrace` of an exception, thread or event, when it is an object. */
export function stacktraceOf(holder: unknown): SentryStacktrace | undefined {
  if (!isRecord(holder)) return undefined;
  return isRecord(holder.stacktrace) ? (holder.stacktrace as SentryStacktrace) : undefined;
}

/** Frames of a stack trace, oldest first; non-object entries dropped. */
export function framesOf(stacktrace: SentryStacktrace | undefined): SentryFrame[] {
  if (!stacktrace || !Array.isArray(stacktrace.frames)) return [];
  return stacktrace.frames.filter(isRecord) as SentryFrame[];
}

/** `logentry`, or a legacy `message` (string or object) read the way Relay normalises it. */
export function logEntryOf(event: SentryEvent): { message?: string; formatted?: string } {
  const entry: unknown = event.logentry ?? event.message;
  if (typeof entry === 'string') return entry ? { formatted: entry } : {};
  if (!isRecord(entry)) return {};
  return { message: text(entry.message), formatted: text(entry.formatted) };
}

/** Tags as pairs, whether sent as pairs or as an object. */
export function tagsOf(event: SentryEvent): [string, string][] {
  const tags: unknown = event.tags;
  const pairs: [string, string][] = [];
  if (Array.isArray(tags)) {
    for (const pair of tags) {
      if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') pairs.push([pair[0], pair[1]]);
    }
  } else if (isRecord(tags)) {
    for (const [key, value] of Object.entries(tags)) if (typeof value === 'string') pairs.push([key, value]);
  }
  return pairs;
}
