/**
 * Ordering an event's exceptions for display. `exception.values` runs oldest (root cause) to
 * newest (the one that was thrown last), so the newest is shown first and the others follow as
 * its causes. Exception groups link children to parents by `mechanism.exception_id`/`parent_id`.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/
 */
import type { SentryEvent, SentryException, SentryThread } from '../../../shared/sentry';
import { chainedExceptionLabel } from '../../../shared/exception-chain';

export interface ExceptionEntry {
  exception: SentryException;
  /** Nesting depth inside an exception group (0 for plain chains). */
  depth: number;
  /** "Caused by", Python's "During handling of…", "Exception group", "In group #3" ... (shared/exception-chain.ts) */
  relation: string | null;
  isGroup: boolean;
}

export function exceptionsOf(event: SentryEvent): SentryException[] {
  const values: unknown = event.exception?.values;
  if (!Array.isArray(values)) return [];
  return values.filter((e): e is SentryException => typeof e === 'object' && e !== null);
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Newest first. SDKs link chained causes with `exception_id`/`parent_id` too, so only a parent
 * flagged `is_exception_group` makes a member "in group"; everything else is labelled by the link the
 * SDK followed (`mechanism.source`, the event's `platform`: {@link chainedExceptionLabel}).
 * Group depth follows parents at most `values.length` steps (cycles cannot loop).
 */
export function orderExceptions(values: readonly SentryException[], platform?: unknown): ExceptionEntry[] {
  const byId = new Map<number, SentryException>();
  for (const e of values) {
    const id = numberOrNull(e.mechanism?.exception_id);
    if (id !== null) byId.set(id, e);
  }
  const isGroupId = (id: number | null): boolean => id !== null && byId.get(id)?.mechanism?.is_exception_group === true;
  const out: ExceptionEntry[] = [];
  for (let i = values.length - 1; i >= 0; i--) {
    const exception = values[i] as SentryException;
    const isGroup = exception.mechanism?.is_exception_group === true;
    const parentId = numberOrNull(exception.mechanism?.parent_id);
    let depth = 0;
    let parent = parentId;
    for (let steps = 0; parent !== null && steps < values.length; steps++) {
      if (isGroupId(parent)) depth++;
      parent = numberOrNull(byId.get(parent)?.mechanism?.parent_id);
    }
    let relation: string | null = null;
    if (isGroupId(parentId)) relation = `In group #${parentId}`;
    else if (isGroup && parentId === null) relation = 'Exception group';
    else if (i < values.length - 1) relation = chainedExceptionLabel(exception.mechanism, platform);
    out.push({ exception, depth, relation, isGroup });
  }
  return out;
}

/** "TypeError: x is undefined", or just the type / value. */
export function exceptionTitle(e: SentryException): string {
  const type = typeof e.type === 'string' ? e.type : '';
  const value = typeof e.value === 'string' ? e.value : '';
  if (type && value) return `${type}: ${value}`;
  return type || value || 'Error';
}

const MAX_THREADS = 500;

/** The event's threads (`threads.values`), at most 500. */
export function threadsOf(event: SentryEvent): SentryThread[] {
  const v: unknown = event.threads?.values;
  if (!Array.isArray(v)) return [];
  return v.filter((t): t is SentryThread => typeof t === 'object' && t !== null).slice(0, MAX_THREADS);
}
