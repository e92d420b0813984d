import type { SentryEvent, SentryException } from '../../shared/sentry';
import { type Component, ignore, leaf, parent, withoutEmpty } from './component';
import { exceptionsOf, isRecord, stacktraceOf, str, text } from './event-fields';
import { selectExceptions } from './exception-groups';
import { firstTwoLines, normalizeMessage } from './parameterize';
import { preferStacktraceVariants, stacktraceVariants } from './stacktrace-component';

/**
 * The `chained-exception:v1` strategy: one `exception` component per exception (type, value and
 * stack trace, in the legacy order `newstyle:2023-01-11` hashes them), exception groups reduced
 * to their distinct top-level exceptions.
 * @see https://develop.sentry.dev/backend/grouping/#exception-grouping
 */

/** Components by variant; `system` is absent for an exception without a stack trace, as in Sentry. */
export type ExceptionVariants = Partial<Record<'app' | 'system', Component>>;

function nsErrorComponent(exception: SentryException): Component | undefined {
  const meta = exception.mechanism?.meta;
  const nsError = isRecord(meta) ? meta.ns_error : undefined;
  if (!isRecord(nsError)) return undefined;
  const asText = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  return parent('ns-error', withoutEmpty([leaf('ns-error-domain', asText(nsError.domain)), leaf('ns-error-code', asText(nsError.code))]));
}

/** The components of one exception, by variant; no `system` variant when it has no stack trace. */
export function singleException(exception: SentryException, event: SentryEvent): ExceptionVariants {
  const type = leaf('type', text(exception.type));
  if (exception.mechanism?.synthetic === true) ignore(type, 'ignored because exception is synthetic');
  const nsError = nsErrorComponent(exception);
  const stacktrace = stacktraceOf(exception);
  const stacks: ExceptionVariants = stacktrace ? stacktraceVariants(stacktrace, event) : { app: parent('stacktrace', []) };
  const raw = str(exception.value);
  let normalized: string | undefined;
  const result: ExceptionVariants = {};
  for (const name of ['app', 'system'] as const) {
    const stack = stacks[name];
    if (!stack) continue;
    let value: Component;
    if (raw === undefined) value = leaf('value', undefined);
    else if (stack.contributes) {
      // Parameterizing costs more than the rest of grouping, and the value is ignored anyway.
      value = ignore(leaf('value', firstTwoLines(raw) || undefined), 'ignored because stacktrace takes precedence');
    } else {
      normalized ??= normalizeMessage(raw);
      value = leaf('value', normalized || undefined, normalized !== raw ? 'stripped event-specific values' : undefined);
      if (nsError?.contributes && value.contributes) ignore(value, 'ignored because ns-error info takes precedence');
    }
    const children = nsError ? [stack, type, nsError, value] : [stack, type, value];
    result[name] = parent('exception', withoutEmpty(children));
  }
  return result;
}

/** Outcome of the exception strategy, with what titling the event needs. */
export interface ExceptionStrategy {
  variants: ExceptionVariants;
  /** The exceptions that group, in hashing order. */
  selected: SentryException[];
  /** `mechanism.exception_id` of the exception that titles the event, when grouping picked one. */
  mainExceptionId: number | undefined;
}

/** Runs the exception strategy; empty variants when the event has no exception. */
export function exceptionStrategy(event: SentryEvent): ExceptionStrategy {
  const all = exceptionsOf(event);
  const parts = all.map((exception) => singleException(exception, event));
  const { indices, mainExceptionId } = selectExceptions(all, parts, event);
  const selected = indices.map((index) => all[index] as SentryException);
  if (indices.length === 0) return { variants: {}, selected, mainExceptionId };
  if (indices.length === 1) {
    return { variants: preferStacktraceVariants(parts[indices[0] as number] ?? {}), selected, mainExceptionId };
  }
  const variants: ExceptionVariants = {};
  for (const name of ['app', 'system'] as const) {
    const chain = indices.map((index) => parts[index]?.[name]).filter((part): part is Component => part !== undefined);
    if (chain.length > 0) variants[name] = parent('chained-exception', chain);
  }
  return { variants: preferStacktraceVariants(variants), selected, mainExceptionId };
}
