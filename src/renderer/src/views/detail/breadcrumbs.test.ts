import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../../../shared/sentry';
import { crumbsOf } from './breadcrumbs';

describe('crumbsOf', () => {
  it('names an http breadcrumb with its method, status and URL, in the keys SDK 11 and older SDKs send', () => {
    const event: SentryEvent = { breadcrumbs: { values: [
      // @sentry/node 11's fetch breadcrumb: OpenTelemetry's attribute name for the method.
      { type: 'http', category: 'fetch', timestamp: 1, data: { url: 'http://127.0.0.1:3101/health', 'http.request.method': 'GET', status_code: 200 } },
      { type: 'http', category: 'xhr', timestamp: 2, data: { url: '/api/cart', method: 'POST', status_code: 500 } },
    ] } };
    expect(crumbsOf(event).map((c) => c.message)).toEqual(['GET http://127.0.0.1:3101/health [200]', 'POST /api/cart [500]']);
  });

  it("reads a data-only crumb's simple values inline (Android's lifecycle crumbs), leaving nested ones behind 'data'", () => {
    const event: SentryEvent = { breadcrumbs: { values: [
      { type: 'navigation', category: 'ui.lifecycle', level: 'info', timestamp: 1, data: { state: 'resumed', screen: 'MainActivity', extra: { a: 1 } } },
    ] } };
    expect(crumbsOf(event)[0]?.message).toBe('state: resumed, screen: MainActivity');
  });
});
