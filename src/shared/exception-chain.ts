/**
 * How one exception of a chain relates to the exception shown above it (the issue page and the
 * bug report list the chain newest first: the thrown exception, then what led to it).
 *
 * Python SDKs 2.x say which link they followed in `mechanism.source` on the older exception:
 * `__cause__` (`raise … from err`) or `__context__` (an exception raised while another was being
 * handled), with `exception_id` / `parent_id` tying it to the newer one. Python's own traceback
 * prints the older exception first; read newest first, its two sentences turn round. JavaScript
 * SDKs follow `Error.cause` (`source: "cause"`), Java's chain is `getCause()` ("Caused by:"), so
 * those read "Caused by". Anything else (Python 1.x, which never said which link, Go's wrapped
 * errors) gets a neutral "Chained exception" rather than a claim the SDK never made.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/#exception-mechanism
 * @see https://github.com/getsentry/sentry-python/blob/master/sentry_sdk/utils.py (exceptions_from_error)
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/core/src/utils/aggregate-errors.ts
 */

/** Python's wording for `raise … from`, read with the newer exception above. */
export const PY_CAUSE_LABEL = 'The exception below was the direct cause of the exception above';
/** Python's wording for an exception raised while handling another, read with the newer exception above. */
export const PY_CONTEXT_LABEL = 'During handling of the exception below, the exception above occurred';
export const CAUSED_BY_LABEL = 'Caused by';
export const CHAINED_LABEL = 'Chained exception';

/** Platforms whose only chain is a "cause" (Java's `getCause()`, JavaScript's `Error.cause`). */
const CAUSE_PLATFORMS = new Set(['java', 'javascript', 'node', 'kotlin', 'android']);

/**
 * The label above an older exception of the chain, from its own `mechanism` and the event's
 * `platform`. Untrusted input: anything not a string or object reads as absent.
 */
export function chainedExceptionLabel(mechanism: unknown, platform: unknown): string {
  const m = typeof mechanism === 'object' && mechanism !== null ? mechanism as Record<string, unknown> : {};
  const source = typeof m.source === 'string' ? m.source : '';
  if (source === '__cause__') return PY_CAUSE_LABEL;
  if (source === '__context__') return PY_CONTEXT_LABEL;
  if (source === 'cause') return CAUSED_BY_LABEL;
  return typeof platform === 'string' && CAUSE_PLATFORMS.has(platform.toLowerCase()) && source === '' ? CAUSED_BY_LABEL : CHAINED_LABEL;
}
