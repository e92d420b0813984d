import type { SentryEvent, SentryException, SentryFrame } from '../../shared/sentry';

/** Bounds work on hostile events: real stacks are far smaller. */
export const MAX_EXCEPTIONS = 64;
export const MAX_FRAMES_PER_STACK = 1024;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The exception entries that are objects, with their original index. */
export function exceptionsOf(event: SentryEvent): { exception: SentryException; index: number }[] {
  const values: unknown = isRecord(event.exception) ? event.exception.values : undefined;
  if (!Array.isArray(values)) return [];
  const out: { exception: SentryException; index: number }[] = [];
  for (let i = 0; i < values.length && i < MAX_EXCEPTIONS; i++) {
    const v: unknown = values[i];
    if (isRecord(v)) out.push({ exception: v as SentryException, index: i });
  }
  return out;
}

/** The frame array of a stacktrace, or null when it is missing or not an array. */
export function framesOf(exception: SentryException): unknown[] | null {
  const st: unknown = exception.stacktrace;
  if (!isRecord(st) || !Array.isArray(st.frames)) return null;
  return st.frames.length > MAX_FRAMES_PER_STACK ? null : st.frames;
}

export function asFrame(v: unknown): SentryFrame | null {
  return isRecord(v) ? (v as SentryFrame) : null;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function posInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/**
 * The path or URL a frame points at: `abs_path` first, as Sentry does, without the `async `
 * prefix old browser SDKs left in it (symbolicator strips it before looking the file up).
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/lookup.rs
 */
export function frameRef(frame: SentryFrame): string | undefined {
  const ref = str(frame.abs_path) ?? str(frame.filename);
  return ref?.startsWith('async ') && ref.length > 6 ? ref.slice(6) : ref;
}
