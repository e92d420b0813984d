import { describe, expect, it } from 'vitest';
import { assembleReplay } from './assemble';
import { decodeSegmentBody } from './decode-segment';
import { countFrustration, slowClickFrustration } from './frustration';
import { extractMarkers } from './markers';
import { splitRecordingPayload } from './recording-payload';
import { envelopeItems, fixtureJson } from './test-fixtures';
import type { RrwebEvent } from './types';

/**
 * The replay @sentry/browser recorded in test/fixtures/replay/make-dead-clicks.mjs: a button
 * clicked five times that never reacted, a link that never reacted, then a button that reacted
 * after 3.5 s; one segment per envelope.
 */
async function deadClickSegments(): Promise<{ segmentId: number; events: RrwebEvent[] }[]> {
  const { envelopes } = fixtureJson('browser-dead-clicks.json') as { envelopes: string[] };
  return Promise.all(envelopes.map(async (b64) => {
    const recording = envelopeItems(Buffer.from(b64, 'base64')).items.find((i) => i.header.type === 'replay_recording');
    if (!recording) throw new Error('fixture envelope without a recording');
    const payload = splitRecordingPayload(recording.payload);
    const decoded = await decodeSegmentBody(payload.body);
    if (!decoded.ok || payload.segmentId === null) throw new Error('fixture segment does not decode');
    return { segmentId: payload.segmentId, events: decoded.events };
  }));
}

const slowClick = (t: number, data: Record<string, unknown>): RrwebEvent =>
  ({ type: 5, timestamp: t, data: { tag: 'breadcrumb', payload: { timestamp: t / 1000, category: 'ui.slowClickDetected', message: 'body > button#save', data } } });
const button = { node: { id: 3, tagName: 'button', textContent: 'Save', attributes: { id: 'save' } } };

describe('dead and rage clicks', () => {
  it('counts the real recording per segment: the rage click (dead too) and the dead link, not the slow button', async () => {
    const segments = await deadClickSegments();
    expect(segments.map((s) => s.segmentId)).toEqual([0, 1, 2, 3]);
    const perSegment = segments.map((s) => countFrustration(s.events));
    expect(perSegment).toEqual([
      { deadClicks: 0, rageClicks: 0 }, { deadClicks: 2, rageClicks: 1 }, { deadClicks: 0, rageClicks: 0 }, { deadClicks: 0, rageClicks: 0 },
    ]);
    // The replay page's markers (assembled, normalised events) give the same figures as the per-segment counts summed.
    const markers = extractMarkers(assembleReplay(segments.map((s) => ({ segmentId: s.segmentId, decoded: {
      ok: true as const, events: s.events, count: s.events.length, startMs: null, endMs: null, dropped: 0 } }))).events, []);
    expect(markers.filter((m) => m.frustration !== undefined)).toHaveLength(2);
    expect(markers.filter((m) => m.frustration === 'rage')).toHaveLength(1);
    expect(markers.filter((m) => m.label.startsWith('Slow click'))).toHaveLength(1);
  });

  it("follows Sentry's ingest rule: a timeout of 7 s or more on a link, button or input; rage from five clicks", () => {
    expect(slowClickFrustration({ endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 1, ...button })).toBe('dead');
    expect(slowClickFrustration({ endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 5, ...button })).toBe('rage');
    // Older SDKs lower-cased the field names; Sentry reads both.
    expect(slowClickFrustration({ endReason: 'timeout', timeafterclickms: 7000, clickcount: 6, ...button })).toBe('rage');
    expect(slowClickFrustration({ endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 4, node: { tagName: 'A' } })).toBe('dead');
    // A shorter slowClickTimeout, a mutation, or an element nobody expects to react: merely slow.
    expect(slowClickFrustration({ endReason: 'timeout', timeAfterClickMs: 3000, clickCount: 5, ...button })).toBeNull();
    expect(slowClickFrustration({ endReason: 'mutation', timeAfterClickMs: 7000, clickCount: 5, ...button })).toBeNull();
    expect(slowClickFrustration({ endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 5, node: { tagName: 'div' } })).toBeNull();
    // Without the clicked node nothing says it was a control.
    expect(slowClickFrustration({ endReason: 'timeout', timeAfterClickMs: 7000 })).toBeNull();
  });

  it('counts every dead click the markers show, even two on one control within a second', () => {
    const events = [
      slowClick(1_700_000_000_000, { endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 1, ...button }),
      slowClick(1_700_000_000_600, { endReason: 'timeout', timeAfterClickMs: 7000, clickCount: 1, ...button }),
      // A multi-click breadcrumb is no dead click (Sentry counts the slow-click breadcrumbs only).
      { type: 5, timestamp: 1_700_000_001_000, data: { tag: 'breadcrumb', payload: { category: 'ui.multiClick', data: { clickCount: 5, ...button } } } },
      { type: 3, timestamp: 1_700_000_001_500, data: { source: 0 } },
    ];
    expect(countFrustration(events)).toEqual({ deadClicks: 2, rageClicks: 0 });
    expect(extractMarkers(events, []).filter((m) => m.frustration === 'dead')).toHaveLength(2);
  });
});
