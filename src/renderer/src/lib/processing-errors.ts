/**
 * The problems met while processing an event, listed as Sentry's issue page lists them ("There
 * were N problems processing this event"): the `event.errors` an SDK or Lookout recorded (Relay's
 * `EventProcessingError`: `type`, `name`, `value` and any other key), then what Lookout's own steps
 * leave elsewhere on the event: frames a source map could not be applied to
 * (`frame.data.sourcemap_error`) and an event stored cut to size.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#optional-attributes
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/event.rs (EventProcessingError)
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventerror.py (the types and their messages)
 */
import type { SentryEvent } from '../../../shared/sentry';
import { exceptionsOf } from './exceptions';
import { framesOf } from './stacktrace';
import { threadStacks } from './thread-stacks';
import { sourcemapFailureOf, type SourcemapFailureKind } from '../../../shared/sourcemap-failure';
import { unmappedFix } from './sourcemap-hints';

export interface ProcessingProblem {
  /** Sentry's error type as recorded, or null for what Lookout reads off the event itself. */
  type: string | null;
  /** What went wrong, in words. */
  message: string;
  /** The entry's other fields (`name`, `value`, `message`…) as text. */
  details: [key: string, text: string][];
  /** Set for a source map failure: what kind, so the section can link to the fix. */
  sourcemapKind?: SourcemapFailureKind;
}

/** Entries of `event.errors` listed at most (an SDK may send any number). */
export const MAX_LISTED = 100;
/** A detail's text is cut past this many characters. */
const MAX_DETAIL_CHARS = 1000;

/** Sentry's words for the error types an SDK, Relay or a symbolicator record (eventerror.py). */
const MESSAGES: Record<string, string> = {
  unknown_error: 'Unknown error',
  invalid_data: 'Discarded an invalid value',
  invalid_attribute: 'Discarded an unknown attribute',
  missing_attribute: 'A required attribute has no value',
  value_too_long: 'Discarded a value longer than the maximum length',
  future_timestamp: 'Invalid timestamp (in the future)',
  past_timestamp: 'Invalid timestamp (too old)',
  clock_drift: 'The SDK\'s clock drifts from the server\'s',
  invalid_environment: 'The environment cannot contain "/" or line breaks',
  fetch_generic_error: 'Could not fetch an HTTP resource',
  js_no_source: 'The source code was not found',
  js_invalid_sourcemap: 'The source map is invalid or cannot be parsed',
  js_missing_row_or_column: 'Cannot apply the source map: the frame has no line or column',
  native_no_crashed_thread: 'No crashed thread found in the crash report',
  native_internal_failure: 'Internal failure while symbolicating',
  native_bad_dsym: 'The debug information file used is broken',
  native_missing_dsym: 'A required debug information file is missing',
  native_missing_system_dsym: 'A system debug information file is missing',
  native_missing_symbol: 'One or more frames could not be found in the debug information file',
  native_unknown_image: 'A frame points into an unknown binary image',
  native_symbolicator_failed: 'Failed to process the native stack traces',
  proguard_missing_mapping: 'A ProGuard mapping file is missing',
  proguard_missing_lineno: 'A ProGuard mapping file has no line information',
};

const TRUNCATED = 'The SDK sent more than Lookout keeps for one event (over 1 MiB, or nested too deep): the longest parts were cut.';

function detailText(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try { text = JSON.stringify(value) ?? String(value); } catch { text = String(value); }
  }
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

/** One `event.errors` entry; an entry that is not an object is shown as its text. */
function fromEntry(entry: unknown): ProcessingProblem {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { type: null, message: MESSAGES.unknown_error!, details: [['value', detailText(entry)]] };
  }
  const { type, ...rest } = entry as Record<string, unknown>;
  const typeName = typeof type === 'string' && type ? type : null;
  const message = (typeName !== null && Object.hasOwn(MESSAGES, typeName) ? MESSAGES[typeName] : undefined) ?? MESSAGES.unknown_error!;
  const details = Object.entries(rest).filter(([, v]) => v !== undefined && v !== null).map(([k, v]): [string, string] => [k, detailText(v)]);
  return { type: typeName, message, details };
}

/** Every distinct reason a source map was not applied, with how many frames it left as sent. */
function sourceMapFailures(event: SentryEvent): ProcessingProblem[] {
  const counts = new Map<string, { frames: number; kind: SourcemapFailureKind }>();
  const stacks = [...exceptionsOf(event).map((e) => e.stacktrace), ...threadStacks(event).filter((s) => !s.fromException).map((s) => s.stacktrace)];
  for (const stacktrace of stacks) {
    for (const frame of framesOf(stacktrace)) {
      const failure = sourcemapFailureOf(frame.data);
      if (failure) counts.set(failure.reason, { frames: (counts.get(failure.reason)?.frames ?? 0) + 1, kind: failure.kind });
    }
  }
  return [...counts].map(([reason, { frames, kind }]) => ({
    type: null, message: 'A source map could not be applied', sourcemapKind: kind,
    details: [['reason', detailText(reason)], ['frames', `${frames.toLocaleString()} left as the SDK sent ${frames === 1 ? 'it' : 'them'}`], ['fix', unmappedFix(kind)]],
  }));
}

/** The event's processing problems, `event.errors` first; `more` counts entries past {@link MAX_LISTED}. */
export function processingProblems(event: SentryEvent, truncated: boolean): { problems: ProcessingProblem[]; more: number } {
  const recorded: unknown = event.errors;
  const entries = Array.isArray(recorded) ? recorded : recorded === undefined || recorded === null ? [] : [recorded];
  const problems = entries.slice(0, MAX_LISTED).map(fromEntry);
  problems.push(...sourceMapFailures(event));
  if (truncated) problems.push({ type: null, message: 'Stored cut to size', details: [['why', TRUNCATED]] });
  return { problems, more: Math.max(0, entries.length - MAX_LISTED) };
}
