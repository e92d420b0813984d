import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import { containerSpans, transactionOf } from './test-span-envelopes';
import { performanceOccurrences } from './prepare-event';
import { prepareSegments } from './prepare-segments';

const POSTS = 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1';

/** The envelopes @sentry/node sends for one `GET /authors` with an N+1 (kept by an in-memory transport). */
async function authorsEnvelopes(lifecycle: 'stream' | 'static'): Promise<Buffer[]> {
  const sent: Buffer[] = [];
  Sentry.init({
    dsn: 'http://k@127.0.0.1:1/1', tracesSampleRate: 1, defaultIntegrations: false, release: 'blog@6.0.0', traceLifecycle: lifecycle,
    transport: (options) => Sentry.createTransport(options, async (request) => { sent.push(Buffer.from(request.body)); return { statusCode: 200 }; }),
  });
  const at = Date.now() - 500;
  Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /authors', op: 'http.server', startTime: at }, () => {
    Sentry.startSpanManual({ name: 'SELECT "authors".* FROM "authors" LIMIT 10', op: 'db', startTime: at + 1 }, (s) => s.end(at + 3));
    for (let i = 0; i < 6; i++) Sentry.startSpanManual({ name: POSTS, op: 'db', startTime: at + 5 + i * 12 }, (s) => s.end(at + 15 + i * 12));
  }));
  await Sentry.close(5000);
  return sent;
}

describe('prepareSegments', () => {
  it('finds in a streamed segment the problem, and the fingerprint, the same request has as a transaction', async () => {
    const [streamed] = await authorsEnvelopes('stream');
    const [asTransaction] = await authorsEnvelopes('static');
    const [part, ...more] = prepareSegments(containerSpans(streamed!), 0);
    expect(more).toEqual([]);
    expect(part).toMatchObject({ itemIndex: 0, spanCount: 8, hasRoot: true });
    const problems = part!.event?.performance ?? [];
    expect(problems.map((p) => p.title.title)).toEqual(['N+1 Query']);
    expect(problems.map((p) => p.fingerprint)).toEqual(performanceOccurrences(transactionOf(asTransaction!)).map((p) => p.fingerprint));
    expect(part!.event).toMatchObject({ kind: 'transaction', title: { title: 'GET /authors', culprit: 'GET /authors' },
      facts: { release: 'blog@6.0.0', sdk: expect.stringMatching(/^sentry\.javascript\.node\//) } });
  });

  it('places spans that do not name their segment under the root they descend from', async () => {
    const [streamed] = await authorsEnvelopes('stream');
    const spans = containerSpans(streamed!).map((s) => {
      const { 'sentry.segment.id': _dropped, ...attributes } = s.attributes as Record<string, unknown>;
      return { ...s, attributes };
    });
    const [part] = prepareSegments(spans, 0);
    expect(part).toMatchObject({ spanCount: 8, hasRoot: true });
    expect(part!.event?.performance?.map((p) => p.title.title)).toEqual(['N+1 Query']);
  });

  it('a part without its root is only counted: nothing is built or detected', async () => {
    const [streamed] = await authorsEnvelopes('stream');
    const children = containerSpans(streamed!).filter((s) => s.is_segment !== true);
    expect(prepareSegments(children, 2)).toEqual([
      { itemIndex: 2, traceId: children[0]!.trace_id, segmentId: children[0]!.parent_span_id, spanCount: 7, hasRoot: false },
    ]);
  });
});
