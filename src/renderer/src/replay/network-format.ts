/** How the Network tab writes sizes, durations and URLs. */

/** "512 B", "4.0 KiB", "1.2 MiB"; "—" when unknown. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** "85 ms", "1.20 s"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** The path and query of a URL, as Sentry's network table shows it; the text as recorded when it is no URL. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url, 'http://relative.invalid');
    return `${parsed.pathname}${parsed.search}` || url;
  } catch {
    return url;
  }
}

/** The Network tab's type filter: requests the page's code made, page loads, or what the page loaded. */
export type NetworkTypeFilter = '' | 'request' | 'navigation' | 'resource';

export function matchesType(op: string, filter: NetworkTypeFilter): boolean {
  if (filter === '') return true;
  if (filter === 'navigation') return op.startsWith('navigation.');
  const request = op === 'resource.fetch' || op === 'resource.xhr' || op === 'resource.http';
  return filter === 'request' ? request : op.startsWith('resource.') && !request;
}
