import { describe, expect, it } from 'vitest';
import type { ReplayRrwebEvent } from '../../../shared/api-types';
import { pageAt, pageTimeline, unrecordedLeadMs } from './recording-facts';

const T0 = 1_795_590_278_434;
const ORIGIN = 'http://127.0.0.1:38321';

// Shapes as @sentry/browser 11 recorded them in Chromium: rrweb meta, navigation spans and breadcrumbs.
const meta = (t: number, href: string): ReplayRrwebEvent => ({ type: 4, timestamp: t, data: { href, width: 1100, height: 750 } });
const span = (t: number, op: string, description: string): ReplayRrwebEvent =>
  ({ type: 5, timestamp: t, data: { tag: 'performanceSpan', payload: { op, description, startTimestamp: t, endTimestamp: t, data: {} } } });
const crumb = (t: number, to: string): ReplayRrwebEvent =>
  ({ type: 5, timestamp: t, data: { tag: 'breadcrumb', payload: { category: 'navigation', data: { from: '/', to } } } });
const snapshot = (t: number): ReplayRrwebEvent => ({ type: 2, timestamp: t, data: { node: {} } });

describe('pageTimeline / pageAt', () => {
  const events = [
    span(T0, 'navigation.navigate', `${ORIGIN}/?mode=session`),
    meta(T0 + 1600, `${ORIGIN}/?mode=session`),
    snapshot(T0 + 1600),
    span(T0 + 5000, 'navigation.push', `${ORIGIN}/login`),
    crumb(T0 + 5001, '/login'),
    crumb(T0 + 9000, '/rooms'),
    span(T0 + 60_000, 'navigation.reload', `${ORIGIN}/checkout`),
    { type: 5, timestamp: T0 + 61_000, data: { tag: 'performanceSpan', payload: { op: 'resource.fetch', description: `${ORIGIN}/api/pay` } } },
  ];

  it('follows page loads, history pushes (span or breadcrumb, a path resolved) and reloads, without repeats', () => {
    expect(pageTimeline(events).map((p) => [p.timestamp - T0, p.url])).toEqual([
      [0, `${ORIGIN}/?mode=session`], [5000, `${ORIGIN}/login`], [9000, `${ORIGIN}/rooms`], [60_000, `${ORIGIN}/checkout`],
    ]);
  });

  it('gives the page open at each moment of playback, the first one before any change', () => {
    const pages = pageTimeline(events);
    expect(pageAt(pages, T0 - 10)).toBe(`${ORIGIN}/?mode=session`);
    expect(pageAt(pages, T0 + 4999)).toBe(`${ORIGIN}/?mode=session`);
    expect(pageAt(pages, T0 + 9500)).toBe(`${ORIGIN}/rooms`);
    expect(pageAt(pages, T0 + 100_000)).toBe(`${ORIGIN}/checkout`);
    expect(pageAt([], T0)).toBeNull();
  });
});

describe('unrecordedLeadMs', () => {
  it("measures an on-error replay's start that has web vitals but no page (0:40 of the reviewer's 1:05 replay)", () => {
    const vital = span(T0, 'web-vital', 'largest-contentful-paint');
    expect(unrecordedLeadMs([vital, meta(T0 + 40_120, `${ORIGIN}/checkout`), snapshot(T0 + 40_120)])).toBe(40_120);
  });

  it('is 0 for a replay that starts with its snapshot, and for one without any', () => {
    expect(unrecordedLeadMs([meta(T0, ORIGIN), snapshot(T0 + 3), crumb(T0 + 5000, '/a')])).toBe(0);
    expect(unrecordedLeadMs([crumb(T0, '/a'), crumb(T0 + 5000, '/b')])).toBe(0);
    expect(unrecordedLeadMs([])).toBe(0);
  });
});
