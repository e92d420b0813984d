/**
 * "Steps before the error": the last breadcrumbs, with times relative to the error (for a performance
 * issue, to the end of its transaction: a transaction's `timestamp` is when it finished).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/breadcrumbs/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/transaction/
 */
import { stripAnsi } from '../../shared/ansi';
import { asObj, asStr, clip, relativeTime, toMillis, valuesOf, type Obj } from './format';
import { httpCrumbParts } from '../../shared/breadcrumb-http';

export interface StepView {
  /** `-2.35s` before the error or the transaction's end (or `?` when the breadcrumb has no usable time). */
  offset: string;
  type: string;
  category: string;
  level: string;
  message: string;
}

export const MAX_STEPS = 20;

/** What the featured event marks: an error, or (a performance issue) the end of a transaction. */
export type ReportMoment = 'error' | 'transaction';

/**
 * How the reports name that moment. A performance issue has no error, so its report must not speak
 * of one; a transaction without breadcrumbs gets no steps section (`emptyNote` null), as the steps
 * of an N+1 are its spans, shown in the evidence.
 */
export const MOMENT_WORDS: Record<ReportMoment, { heading: string; relativeTo: string; emptyNote: string | null; happensIn: string }> = {
  error: { heading: 'Steps before the error', relativeTo: 'the error', emptyNote: 'No breadcrumbs were recorded.', happensIn: 'the error happens' },
  transaction: { heading: 'Steps before the transaction ended', relativeTo: "the transaction's end", emptyNote: null, happensIn: 'the transaction ends' },
};

export function stepViews(payload: Obj, errorMs: number | null): { steps: StepView[]; total: number } {
  const crumbs = valuesOf(payload.breadcrumbs).map(asObj).filter((c): c is Obj => c !== null);
  const steps = crumbs.slice(-MAX_STEPS).map((c) => {
    const at = toMillis(c.timestamp);
    return {
      offset: relativeTime(at === null || errorMs === null ? null : at - errorMs),
      type: asStr(c.type) ?? 'default',
      category: asStr(c.category) ?? '',
      level: asStr(c.level) ?? 'info',
      message: clip(stripAnsi(crumbText(c)), 1000),
    };
  });
  return { steps, total: crumbs.length };
}

/** The message, or a one-line summary of the data for http and navigation crumbs. */
function crumbText(c: Obj): string {
  const message = asStr(c.message);
  if (message !== null && message !== '') return message;
  const data = asObj(c.data);
  if (!data) return '';
  const url = asStr(data.url);
  if (url !== null) {
    const { method, status } = httpCrumbParts(data);
    return [method, url, status === null ? null : `→ ${status}`].filter((p) => p !== null).join(' ');
  }
  const from = asStr(data.from);
  const to = asStr(data.to);
  if (from !== null || to !== null) return `${from ?? '?'} → ${to ?? '?'}`;
  try {
    return JSON.stringify(data).slice(0, 1000);
  } catch {
    return '';
  }
}
