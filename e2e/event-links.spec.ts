/**
 * The issue page's "Replay & trace" links with a real @sentry/node app: a loop that fails 520 times
 * in one trace, each error naming a session replay that never reached Lookout.
 */
import type { TraceDetail } from '../src/shared/api-types';
import { expect, test } from './fixtures';
import { run } from './helpers/sentry-node-traces';

const ERRORS = 520;
const MISSING_REPLAY = 'feedbeeffeedbeeffeedbeeffeedbeef';

/** `GET /sync` fails `ERRORS` times inside one trace; flushed every 50 so the SDK's send buffer (64) never drops one. */
async function failingLoop(dsn: string): Promise<{ traceId: string; errorId: string }> {
  const out = await run(`import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, release: 'sync@1.0.0', defaultIntegrations: false });
const out = {};
await Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /sync', op: 'http.server' }, async (root) => {
  out.traceId = root.spanContext().traceId;
  Sentry.setContext('replay', { replay_id: '${MISSING_REPLAY}' });
  for (let i = 0; i < ${ERRORS}; i++) {
    out.errorId = Sentry.captureException(new Error('sync failed'));
    if (i % 50 === 49 && !(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
  }
}));
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`);
  if (!out.traceId || !out.errorId) throw new Error(`no trace or error id from the app: ${JSON.stringify(out)}`);
  return { traceId: out.traceId, errorId: out.errorId };
}

test('a trace past the 500 errors it lists says how many it holds; a replay never stored is not asked for', async ({ page, server }) => {
  const { traceId, errorId } = await failingLoop(server.dsn);
  const traceOf = async () => (await (await fetch(`${server.url}/_lookout/api/traces/${traceId}`)).json()) as TraceDetail;
  await expect.poll(async () => (await traceOf()).errorCount, { timeout: 60_000 }).toBe(ERRORS);
  expect((await traceOf()).errors).toHaveLength(500);

  const consoleErrors: string[] = [];
  const replayRequests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('request', (r) => { if (r.url().includes('/replays/')) replayRequests.push(r.url()); });
  await page.goto(`${server.url}/#/events/${errorId}`);

  // The event is one of 520: the other 519, not the 500 the trace lists minus itself.
  await expect(page.getByTestId('trace-link-open')).toContainText(`${ERRORS - 1} other errors`);
  // "Arriving" while the SDK may still send it (a minute after the event), "not captured" after.
  await expect(page.getByTestId('replay-link')).toContainText(/Replay (not captured|arriving…)/);
  expect(replayRequests).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // The trace page counts them all too, and says how many it does not list.
  await page.getByTestId('trace-link-open').click();
  await expect(page.getByTestId('trace-errors').locator('.aside-title')).toHaveText(`Errors (${ERRORS})`);
  await expect(page.getByTestId('trace-errors-more')).toHaveText(`${ERRORS - 200} more errors not listed.`);
});
