import { bodyIsEnvelope } from '../ingest/request-envelope';
import type { IngestRoute } from '../ingest/routes';

/** The ingest route a stored request came by: its `route` column reads "store /api/1/store/". */
export function storedRoute(route: string): string {
  return route.split(' ')[0] ?? '';
}

/** Whether a stored request's body is an envelope as sent (not a store body, CSP report or upload). */
export function storedBodyIsEnvelope(route: string, contentType: string): boolean {
  return bodyIsEnvelope(storedRoute(route) as IngestRoute, contentType);
}

/** The Content-Type in a stored request's `headers` column (JSON), or ''. */
export function storedContentType(headersJson: string): string {
  try {
    const value = (JSON.parse(headersJson) as Record<string, unknown>)['content-type'];
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}
