import { NodeClient, Scope, defaultStackParser, makeNodeTransport, type SeverityLevel } from '@sentry/node';
import { test, expect } from './fixtures';

/**
 * An event whose SDK sent values Relay cannot read (an unknown level, a timestamp that is none, an
 * id that is no UUID) and contexts with nulls, as sentry-python sends a root span's
 * `parent_span_id`: real @sentry/node, its event bent by an event processor as a buggy app would.
 */
async function sendBentEvent(dsn: string): Promise<void> {
  const client = new NodeClient({ dsn, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [], sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  scope.setLevel('catastrophic' as SeverityLevel);
  scope.setContext('app', { app_name: 'shop', app_version: null });
  scope.addEventProcessor((event) => ({
    ...event, event_id: 'zz', timestamp: 'yesterday' as unknown as number,
    // sentry-python's trace context of a root span, nulls included.
    contexts: { ...event.contexts, trace: { trace_id: '7785a46fea044fee82f899fc602ba9e8', span_id: 'a1b2c3d4e5f60718', parent_span_id: null,
      op: 'queue.task', description: null } as never },
  }));
  scope.captureException(new Error('inventory sync failed'));
  expect(await client.flush(10_000)).toBe(true);
}

test('the issue page lists what ingest replaced and shows no null context values', async ({ page, server }) => {
  await sendBentEvent(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-row').first().getByTestId('issue-title').click();
  await expect(page).toHaveURL(/#\/issues\/\d+$/);

  const section = page.getByTestId('processing-errors');
  await expect(section.getByTestId('processing-errors-count')).toHaveText('There were 3 problems processing this event');
  const problems = section.getByTestId('processing-error');
  await expect(problems).toHaveCount(3);
  for (const [i, name, value] of [[0, 'event_id', 'zz'], [1, 'timestamp', 'yesterday'], [2, 'level', 'catastrophic']] as const) {
    await expect(problems.nth(i)).toHaveAttribute('data-type', 'invalid_data');
    await expect(problems.nth(i).getByTestId('processing-error-message')).toHaveText('Discarded an invalid value');
    const detail = (key: string) => problems.nth(i).locator('dl > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) }).locator('dd');
    await expect(detail('name')).toHaveText(name);
    await expect(detail('value')).toHaveText(value);
  }

  const trace = page.locator('[data-testid="context-card"][data-context="trace"]');
  await expect(trace).toContainText('7785a46fea044fee82f899fc602ba9e8');
  const app = page.locator('[data-testid="context-card"][data-context="app"]');
  await expect(app).toContainText('shop');
  for (const card of [trace, app]) await expect(card).not.toContainText('null');
  await expect(trace).not.toContainText(/Parent Span ID|Description/);
  await expect(app).not.toContainText('Version');
});
