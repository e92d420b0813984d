/**
 * Where the JavaScript SDKs put web vitals, and how a page load is named, read from spans as sent.
 *
 * Vitals come in three forms, all handled here:
 * - a transaction event (`traceLifecycle: 'static'`) carries them in `measurements` (`lcp`, `fcp`,
 *   `cls`, `ttfb`, `inp`), which prepare keeps on the transaction's root span source;
 * - span streaming (`@sentry/browser` 11's default) puts `browser.web_vital.{ttfb,fcp,fp}.value` on
 *   the `pageload` root and sends LCP, CLS and INP as child spans of it (`ui.webvital.lcp`,
 *   `ui.webvital.cls`, `ui.interaction.click`…) with `browser.web_vital.<vital>.value`;
 * - with transactions, INP goes as a standalone span (its own segment) in the page load's trace.
 * A browser starts a new trace for each page load and navigation, so a trace is one page view.
 *
 * With span streaming the SDK names every page load "Pageload" (a low-cardinality span name) and
 * sends the path as `url.path` with `sentry.segment.name.source: url`; with transactions it names
 * it by the path. Sentry shows a page by its transaction name, and Relay scrubs identifiers out of
 * names whose source is `url` (`/products/42` → `/products/*`), so the page is that.
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/browser-utils/src/web-vitals/emitSpan.ts
 * @see https://github.com/getsentry/sentry-javascript/pull/23424
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/regexes.rs (TRANSACTION_NAME_NORMALIZER_REGEX)
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/transaction/#measurements
 */
import { WEB_VITALS, type VitalValues } from '../../shared/web-vitals';
import { attributeValue } from './segment-event';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** The names the SDK gives a page load or navigation it has no route for (`PAGELOAD_SPAN_NAME_FALLBACK`…). */
const FALLBACK_NAMES = new Set(['Pageload', 'Navigation']);
const PAGE_OPS = new Set(['pageload', 'navigation']);

/** A span's op: the v1 field, else the v2 `sentry.op` attribute. */
const opOf = (span: unknown): string | null => text(obj(span).op) ?? text(attributeValue(span, 'sentry.op'));

/** Whether `op` may carry a vital or name a page: prepare looks at no other span. */
export const mayHoldVitals = (op: string | null): boolean => op !== null && (PAGE_OPS.has(op) || op.startsWith('ui.'));

// One path segment holding an identifier (Relay's uuid, sha1, md5, 0x-hex and "two digits or more" cases).
const IDENTIFIER = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\b[0-9a-fA-F]{40}\b|\b[0-9a-fA-F]{32}\b|\b0[xX][0-9a-fA-F]+\b|[0-9]{2,}/;

/** A URL-sourced transaction name with identifiers scrubbed, as Relay does (`/orders/1234/items` → `/orders/*\/items`). */
export function scrubUrlName(path: string): string {
  return path.split('/').map((segment) => (IDENTIFIER.test(segment) ? '*' : segment)).join('/');
}

/**
 * The page a page-load or navigation root span names, as Sentry's transaction name: its route
 * when the SDK knew one, else its URL path scrubbed of identifiers; null for any other span.
 */
export function pageNameOf(span: unknown): string | null {
  const s = obj(span);
  if (!PAGE_OPS.has(opOf(span) ?? '')) return null;
  const name = text(attributeValue(span, 'sentry.segment.name')) ?? text(s.name) ?? text(s.description);
  const source = text(attributeValue(span, 'sentry.segment.name.source')) ?? text(attributeValue(span, 'sentry.source'))
    ?? text(obj(s.transaction_info).source);
  const fallback = name === null || FALLBACK_NAMES.has(name);
  if (!fallback && source !== 'url') return name;
  const path = text(attributeValue(span, 'url.path')) ?? (fallback ? null : name);
  return path === null ? name : scrubUrlName(path);
}

/** The vitals one span carries: a transaction root's `measurements`, or `browser.web_vital.<vital>.value` attributes. */
export function spanVitals(span: unknown): VitalValues {
  const values: VitalValues = {};
  const measurements = obj(obj(span).measurements);
  for (const vital of WEB_VITALS) {
    const value = finite(attributeValue(span, `browser.web_vital.${vital}.value`)) ?? finite(obj(measurements[vital]).value);
    if (value !== null) values[vital] = value;
  }
  return values;
}

/** Vitals of one page view merged from its parts: the worst of each (an SDK may report CLS again as it grows). */
export function mergeVitals(into: VitalValues, from: VitalValues): VitalValues {
  for (const vital of WEB_VITALS) {
    const value = from[vital];
    if (value !== undefined && (into[vital] === undefined || value > into[vital])) into[vital] = value;
  }
  return into;
}

/**
 * The `span_blocks` columns of a block's spans (as sent, `raw`, with their `head.op`): the page its page-load or
 * navigation root names and the vitals its spans carry as JSON (`{}` for a named page without any),
 * or nothing when it holds neither.
 */
export function blockVitals(spans: readonly { head: { op: string | null }; raw: unknown }[]): { page_name?: string; vitals?: string } {
  let page: string | null = null;
  let values: VitalValues | null = null;
  for (const { head, raw } of spans) {
    if (!mayHoldVitals(head.op)) continue;
    page ??= pageNameOf(raw);
    const found = spanVitals(raw);
    if (Object.keys(found).length > 0) values = mergeVitals(values ?? {}, found);
  }
  if (page === null && values === null) return {};
  return { ...(page !== null ? { page_name: page.slice(0, 500) } : {}), vitals: JSON.stringify(values ?? {}) };
}
