/**
 * Breadcrumb normalisation and filtering, bounded by input size.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/breadcrumbs/
 */
import type { SentryBreadcrumb, SentryEvent } from '../../../../shared/sentry';
import { displayText, toMillis } from '../../lib/format';
import { httpCrumbParts } from '../../../../shared/breadcrumb-http';

export interface Crumb {
  index: number;
  time: number | null;
  type: string;
  category: string;
  level: string;
  message: string;
  data: Record<string, unknown> | null;
}

const MAX_CRUMBS = 100_000;

export function crumbsOf(event: SentryEvent): Crumb[] {
  const raw: unknown = event.breadcrumbs;
  const list: unknown = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? (raw as { values?: unknown }).values : null;
  if (!Array.isArray(list)) return [];
  const out: Crumb[] = [];
  for (let i = 0; i < list.length && i < MAX_CRUMBS; i++) {
    const b = list[i] as SentryBreadcrumb | null;
    if (typeof b !== 'object' || b === null) continue;
    const data = typeof b.data === 'object' && b.data !== null && !Array.isArray(b.data) ? b.data : null;
    const message = typeof b.message === 'string' ? b.message : b.message === undefined ? '' : displayText(b.message);
    out.push({
      index: i,
      time: toMillis(b.timestamp),
      type: typeof b.type === 'string' ? b.type : 'default',
      category: typeof b.category === 'string' ? b.category : '',
      level: typeof b.level === 'string' ? b.level : 'info',
      message: message || (data ? requestSummary(data) || dataSummary(data) : ''),
      data,
    });
  }
  return out;
}

/**
 * A crumb with data only (Android's `ui.lifecycle`: `state: resumed, screen: MainActivity`) reads
 * its simple values inline, as Sentry shows them; nested ones stay behind "data".
 */
function dataSummary(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .slice(0, 6).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
}

/** "GET https://x/y [500]" for http-like crumbs that carry no message. */
function requestSummary(data: Record<string, unknown>): string {
  const url = typeof data.url === 'string' ? data.url : typeof data.to === 'string' ? `→ ${data.to}` : '';
  if (!url) return '';
  const parts = httpCrumbParts(data);
  const method = parts.method ? `${parts.method} ` : '';
  const status = parts.status ? ` [${parts.status}]` : '';
  return `${method}${url}${status}`;
}

/** Short label shown in the category "icon" chip. */
export function crumbIcon(c: Crumb): string {
  const key = `${c.type} ${c.category}`.toLowerCase();
  if (key.includes('http') || key.includes('fetch') || key.includes('xhr')) return 'HTTP';
  if (key.includes('navigation')) return 'NAV';
  if (key.includes('ui.') || key.includes('click') || key.includes('input') || c.type === 'user') return 'UI';
  if (key.includes('console') || key.includes('log')) return 'LOG';
  if (key.includes('query') || key.includes('sql') || key.includes('db')) return 'DB';
  if (c.type === 'error' || c.level === 'error' || c.level === 'fatal') return 'ERR';
  if (key.includes('transaction') || key.includes('sentry.')) return 'TXN';
  if (c.type === 'debug') return 'DBG';
  return 'INFO';
}

export function filterCrumbs(crumbs: Crumb[], text: string, level: string): Crumb[] {
  const needle = text.trim().toLowerCase();
  if (!needle && !level) return crumbs;
  return crumbs.filter((c) => {
    if (level && c.level !== level) return false;
    if (!needle) return true;
    if (c.message.toLowerCase().includes(needle) || c.category.toLowerCase().includes(needle) || c.type.includes(needle)) return true;
    return c.data !== null && displayText(c.data).slice(0, 10_000).toLowerCase().includes(needle);
  });
}
