/**
 * The method and status of an http breadcrumb's `data`, under the names SDKs send them: older
 * SDKs `method` / `status_code`, SDK 11 OpenTelemetry's `http.request.method` /
 * `http.response.status_code`. Shared by the issue page and the bug report.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/breadcrumbs/#breadcrumb-types
 */
export function httpCrumbParts(data: Record<string, unknown>): { method: string | null; status: string | null } {
  const method = data.method ?? data['http.request.method'] ?? data['http.method'];
  const status = data.status_code ?? data['http.response.status_code'];
  return {
    method: typeof method === 'string' && method !== '' ? method : null,
    status: typeof status === 'number' || (typeof status === 'string' && status !== '') ? String(status) : null,
  };
}
