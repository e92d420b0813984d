/**
 * Stats count what arrived as Relay counts it (each log, each standalone span), and a request to
 * a wrong ingest URL is told the right one and kept as rejected. Real @sentry/node traffic and
 * real SDK envelopes of the corpus, against a real server on a real SQLite file.
 */
import { readFileSync } from 'node:fs';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvelopeRecord, EventDetail, EventSummary, LogEntry, Page } from '../src/shared/api-types';
import type { OutcomeStats } from '../src/shared/api-stats';
import { SPOTLIGHT_CORPUS } from '../src/core/grouping/test-support/corpus';
import { containerSpans, sentSpanEnvelopes } from '../src/core/pipeline/test-span-envelopes';
import { MAX_UNKNOWN_PATH_BODY } from '../src/core/ingest/ingest-handler';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

const accepted = async (project: number, category: string) =>
  (await lookout.api<OutcomeStats>(`stats?hours=1&project=${project}`)).outcomes
    .find((o) => o.outcome === 'accepted' && o.category === category)?.quantity ?? 0;

describe('accepted items per data category, as Relay counts them', () => {
  it('counts each log a real @sentry/node sent, not each container, and their bytes', async () => {
    Sentry.init({ dsn: lookout.dsn.replace(/\/1$/, '/3'), defaultIntegrations: false });
    for (let i = 0; i < 250; i++) Sentry.logger.info(`order ${i} packed`, { order: i });
    expect(await Sentry.flush(5000)).toBe(true);
    await expect.poll(async () => (await lookout.api<Page<LogEntry>>('logs?project=3&limit=500')).items.length, { timeout: 10_000 }).toBe(250);
    const containers = (await lookout.api<Page<{ kind: string; projectId: number }>>('items?limit=1000')).items
      .filter((i) => i.projectId === 3 && i.kind === 'log').length;
    // The SDK batches logs: fewer containers than logs, which is what Stats used to count.
    expect(containers).toBeLessThan(250);
    expect(await accepted(3, 'log_item')).toBe(250);
    expect(await accepted(3, 'log_byte')).toBeGreaterThan(250 * 20);
    await Sentry.close(2000);
  });

  it('counts the logs and spans of real SDK envelopes (corpus) and @sentry/node span containers', async () => {
    const url = `${lookout.url}/api/4/envelope/?sentry_key=k`;
    expect((await post(url, readFileSync(`${SPOTLIGHT_CORPUS}/log_envelope.txt`))).status).toBe(200);
    expect((await post(url, readFileSync(`${SPOTLIGHT_CORPUS}/envelope_with_only_span.txt`))).status).toBe(200);
    const streamed = await sentSpanEnvelopes([{ root: 'GET /cart', op: 'http.server', children: 40 }, { root: 'GET /pay', op: 'http.server', children: 9 }]);
    const spans = streamed.reduce((n, body) => n + containerSpans(body).length, 0);
    expect(spans).toBe(51);
    for (const body of streamed) expect((await post(url, body)).status).toBe(200);
    expect(await accepted(4, 'log_item')).toBe(7);
    expect(await accepted(4, 'span')).toBe(1 + spans);
  });
});

describe('a request to a wrong ingest URL', () => {
  const wrong = ['/api/envelope/', '/api//envelope/', '/1/envelope/'];

  it('is answered 404 naming the URL to use, with x-sentry-error, and kept as rejected', async () => {
    const before = Date.now();
    const envelope = readFileSync(`${SPOTLIGHT_CORPUS}/log_envelope.txt`);
    for (const path of wrong) {
      const res = await post(`${lookout.url}${path}?sentry_key=k`, envelope);
      expect(res.status, path).toBe(404);
      expect(res.json?.detail).toContain('POST /api/<project id>/envelope/');
      expect(res.headers.get('x-sentry-error')).toContain('/api/<project id>/envelope/');
    }
    expect((await post(`${lookout.url}/1/envelope/`, '')).json?.detail).toContain('did you mean POST /api/1/envelope/');
    // A big body is kept cut to size.
    expect((await post(`${lookout.url}/api/1/events/`, Buffer.alloc(3 * MAX_UNKNOWN_PATH_BODY, 'x'))).status).toBe(404);

    const rejected = (await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=rejected&limit=50')).items.filter((e) => e.received >= before);
    expect(rejected.filter((e) => e.status === 404).map((e) => e.route).sort()).toEqual(
      ['unknown /1/envelope/', 'unknown /1/envelope/', 'unknown /api//envelope/', 'unknown /api/envelope/', 'unknown /api/1/events/'].sort());
    expect(rejected.find((e) => e.route === 'unknown /api/1/events/')?.size).toBe(MAX_UNKNOWN_PATH_BODY);
    expect(rejected.find((e) => e.route === 'unknown /api/envelope/')?.sentryKey).toBe('k');
    const stats = await lookout.api<OutcomeStats>('stats?hours=1');
    // Grouped by reason: the detail names the path's own guess.
    expect(stats.rejected.filter((r) => r.status === 404).reduce((n, r) => n + r.count, 0)).toBe(5);
  });

  it('leaves the UI alone: a browser tab opening / or any path gets the app, not a refusal', async () => {
    const before = (await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=rejected&limit=1000')).items.length;
    for (const path of ['/', '/api/envelope/']) {
      const res = await fetch(`${lookout.url}${path}`);
      expect(res.status, path).not.toBe(404);
      await res.arrayBuffer();
    }
    expect((await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=rejected&limit=1000')).items.length).toBe(before);
  });
});

describe('an event with values Lookout replaced', () => {
  it('says so in its errors, and keeps the id it gave it when read again', async () => {
    const payload = { event_id: 'zz', message: 'stock low', level: 'catastrophic', timestamp: 'yesterday' };
    const sent = await post(`${lookout.url}/api/5/envelope/?sentry_key=k`, `{"event_id":"zz"}\n{"type":"event"}\n${JSON.stringify(payload)}\n`);
    expect(sent.status).toBe(200);
    const id = String(sent.json?.id);
    expect((await lookout.api<Page<EventSummary>>('events?project=5&limit=5')).items.map((e) => e.eventId)).toEqual([id]);
    // Read twice: the stored item is normalised again on each read, and must not draw another id.
    for (let i = 0; i < 2; i++) {
      const detail = await lookout.api<EventDetail>(`events/${id}`);
      expect(detail.payload.event_id).toBe(id);
      expect(detail.payload.errors).toMatchObject([{ name: 'event_id', value: 'zz' }, { name: 'timestamp', value: 'yesterday' }, { name: 'level', value: 'catastrophic' }]);
      expect(detail.level).toBe('error');
    }
  });
});
