import { describe, expect, it } from 'vitest';
import { readReplayEvent } from './replay-event';
import { browserReplayItems, fixtureJson } from './test-fixtures';

describe('readReplayEvent', () => {
  it("reads relay's replay.json fixture", () => {
    const json = fixtureJson('relay-replay-event.json') as Record<string, unknown>;
    expect(readReplayEvent(json)).toEqual({
      replayId: json.replay_id,
      replayType: 'session',
      segmentId: 0,
      urls: ['sentry.io'],
      traceIds: ['3', '4'],
      errorIds: ['1', '2'],
      startMs: Math.round((json.replay_start_timestamp as number) * 1000),
      timestampMs: Math.round((json.timestamp as number) * 1000),
      // Only a User-Agent header is present: Safari 15.5 on macOS 10.15.7.
      browser: 'Safari 15.5',
      os: 'macOS 10.15.7',
      sdk: 'name veresion',
      user: 'user@site.com',
      environment: 'production',
      release: 'version@1.3',
    });
  });

  it('reads the replay_event the real browser SDK sent', () => {
    const { eventId, replayEvent } = browserReplayItems();
    const info = readReplayEvent(replayEvent, eventId);
    expect(info).toMatchObject({
      replayId: eventId,
      replayType: 'session',
      segmentId: 0,
      os: 'Linux',
      sdk: 'sentry.javascript.browser 11.12.0',
      user: 'fixture@example.invalid',
      environment: 'fixture',
      release: 'replay-fixture@1.0.0',
    });
    expect(info?.browser).toMatch(/^HeadlessChrome \d+/);
    expect(info?.urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(info?.errorIds).toHaveLength(1);
    expect(info!.timestampMs! - info!.startMs!).toBeGreaterThanOrEqual(0);
  });

  it('prefers contexts over the User-Agent and normalises a dashed id', () => {
    const info = readReplayEvent({
      replay_id: 'D2132D31-B394-45F1-938D-7E21B6BF0EC4',
      contexts: { browser: { name: 'Chrome', version: '120' }, os: { name: 'Android', version: '14' } },
      request: { headers: [['user-agent', 'Mozilla/5.0 (Windows NT 10.0) Firefox/1']] },
      timestamp: '2024-01-02T03:04:05.678Z',
    });
    expect(info).toMatchObject({ replayId: 'd2132d31b39445f1938d7e21b6bf0ec4', browser: 'Chrome 120', os: 'Android 14', timestampMs: Date.UTC(2024, 0, 2, 3, 4, 5, 678) });
  });

  it('falls back to the envelope event_id and tolerates odd field types', () => {
    const info = readReplayEvent({ urls: 'x', trace_ids: [1, 'a'], segment_id: -2, user: { id: 42 }, sdk: 'js', timestamp: 'soon' }, 'c2b96fda1ee74d08a3711f6e0e674bcf');
    expect(info).toMatchObject({ replayId: 'c2b96fda1ee74d08a3711f6e0e674bcf', urls: [], traceIds: ['a'], segmentId: null, user: '42', sdk: null, timestampMs: null });
  });

  it.each([null, 'text', [], {}, { replay_id: 7 }])('returns null without a usable object and id: %j', (json) => {
    expect(readReplayEvent(json)).toBeNull();
  });
});
