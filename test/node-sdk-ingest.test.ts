import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, EventSummary, ItemSummary, Page, Project } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;

function throwFromHere(message: string): never {
  throw new Error(message);
}

beforeAll(async () => {
  lookout = await startTestLookout();
  Sentry.init({
    dsn: lookout.dsn, tracesSampleRate: 1, release: 'node-test@1.0.0', environment: 'test',
    defaultIntegrations: false, integrations: [Sentry.linkedErrorsIntegration(), Sentry.contextLinesIntegration()],
  });
});

afterAll(async () => {
  await Sentry.close(2000);
  await lookout.stopAndClean();
});

async function items(): Promise<ItemSummary[]> {
  return (await lookout.api<Page<ItemSummary>>('items?limit=1000')).items;
}

describe('real @sentry/node against the server', () => {
  it('stores exceptions, messages, spans, check-ins, logs and sessions', async () => {
    let errorId = '';
    try { throwFromHere('database exploded'); } catch (err) {
      Sentry.setUser({ id: 'u-1', email: 'a@example.com' });
      Sentry.setTag('feature', 'checkout');
      Sentry.addBreadcrumb({ category: 'ui.click', message: 'clicked pay' });
      errorId = Sentry.captureException(err);
    }
    const messageId = Sentry.captureMessage('cache miss for key 42', 'warning');
    Sentry.startSpan({ name: 'GET /checkout', op: 'http.server' }, () => {
      Sentry.startSpan({ name: 'SELECT carts', op: 'db.query' }, () => undefined);
    });
    Sentry.captureCheckIn({ monitorSlug: 'nightly-job', status: 'ok' });
    Sentry.logger.info('user logged in', { userId: 7 });
    Sentry.startSession();
    Sentry.captureSession(true);
    expect(await Sentry.flush(5000)).toBe(true);

    const err = await lookout.api<EventDetail>(`events/${errorId}`);
    expect(err.title).toBe('Error: database exploded');
    expect(err.release).toBe('node-test@1.0.0');
    expect(err.environment).toBe('test');
    expect(err.userKey).toBe('id:u-1');
    expect(err.issueId).not.toBeNull();
    const frames = err.payload.exception?.values?.at(-1)?.stacktrace?.frames ?? [];
    const top = frames.at(-1);
    expect(top?.function).toBe('throwFromHere');
    expect(top?.context_line).toContain("throw new Error(message)");
    expect(err.payload.breadcrumbs?.values?.some((b) => b.message === 'clicked pay')).toBe(true);
    expect(err.payload.tags).toContainEqual(['feature', 'checkout']);

    const msg = await lookout.api<EventDetail>(`events/${messageId}`);
    expect(msg.title).toBe('cache miss for key 42');
    expect(msg.level).toBe('warning');

    const kinds = new Set((await items()).map((i) => i.kind));
    for (const kind of ['event', 'check_in', 'log', 'session']) expect(kinds).toContain(kind);
    expect(kinds.has('transaction') || kinds.has('span')).toBe(true);

    const projects = await lookout.api<Project[]>('projects');
    expect(projects.map((p) => p.id)).toEqual([1]);
    const events = await lookout.api<Page<EventSummary>>('events?project=1&type=event');
    expect(events.items.map((e) => e.eventId).sort()).toEqual([errorId, messageId].sort());
  });
});

describe('feedback', () => {
  it('titles a feedback item by its message', async () => {
    Sentry.captureFeedback({ message: 'The pay button does nothing', email: 'ann@example.com', url: 'http://localhost:3000/pay' });
    expect(await Sentry.flush(5000)).toBe(true);
    const list = (await lookout.api<Page<EventSummary>>('events?type=feedback')).items;
    expect(list[0]?.title).toBe('User Feedback: The pay button does nothing');
  });
});

describe('the client address an SDK asks for ({{auto}})', () => {
  it("fills in the request's address for user.ip_address, on ingest and on every re-read", async () => {
    let eventId = '';
    let givenId = '';
    Sentry.setUser(null);
    Sentry.withScope((scope) => {
      // What sentry-python, sentry-go, Flutter and the browser SDK send with sendDefaultPii.
      scope.setUser({ ip_address: '{{auto}}' });
      eventId = Sentry.captureMessage('ip wanted');
    });
    Sentry.withScope((scope) => {
      scope.setUser({ id: 'u-9', ip_address: '203.0.113.5' });
      givenId = Sentry.captureMessage('ip given');
    });
    expect(await Sentry.flush(5000)).toBe(true);
    const detail = await lookout.api<EventDetail>(`events/${eventId}`);
    // The SDK connected over loopback; its event is not stored processed, so the read fills it in again.
    expect(detail.payload.user?.ip_address).toBe('127.0.0.1');
    expect(detail.userKey).toBe('ip_address:127.0.0.1');
    const tags = await lookout.api<{ key: string; values: { value: string }[] }[]>(`issues/${detail.issueId}/tags`);
    expect(tags.find((t) => t.key === 'user')?.values.map((v) => v.value)).toEqual(['ip_address:127.0.0.1']);
    const givenDetail = await lookout.api<EventDetail>(`events/${givenId}`);
    expect(givenDetail.payload.user).toMatchObject({ id: 'u-9', ip_address: '203.0.113.5' });
  });
});

describe('a parameterized log message (logentry with params, as the Java and Python logging integrations send it)', () => {
  it('is titled by the filled message and grouped by its template', async () => {
    const ids = [['alice', 3], ['bob', 5]].map(([user, n]) =>
      Sentry.captureEvent({ level: 'warning', logentry: { message: 'User %s failed %d times', params: [user, n] } }));
    expect(await Sentry.flush(5000)).toBe(true);
    const [a, b] = await Promise.all(ids.map((id) => lookout.api<EventDetail>(`events/${id}`)));
    expect(a!.title).toBe('User alice failed 3 times');
    expect(b!.title).toBe('User bob failed 5 times');
    expect(a!.issueId).toBe(b!.issueId);
  });
});
