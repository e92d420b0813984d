import { test, expect } from './fixtures';
import { run } from './helpers/sentry-node-traces';

/**
 * A caught error with its local variables (@sentry/node's localVariablesIntegration). The integration's
 * debugger attaches asynchronously, so the app throws until an event carries variables and sends only that one.
 */
async function errorWithSecretLocal(dsn: string): Promise<void> {
  await run(`import * as Sentry from '@sentry/node';
let sent = false;
Sentry.init({ dsn: ${JSON.stringify(dsn)}, defaultIntegrations: false, includeLocalVariables: true,
  integrations: [Sentry.localVariablesIntegration({ captureAllExceptions: true })],
  initialScope: { extra: { stripe: { api_key: 'sk_live_abc123', mode: 'live' } } },
  beforeSend(event) {
    const withVars = (event.exception?.values ?? []).some((v) => (v.stacktrace?.frames ?? []).some((f) => f.vars));
    if (!withVars || sent) return null;
    sent = true;
    return event;
  } });
function charge(order) {
  const secret_token = 'sk_live_abc123';
  const dbUrl = 'postgres://shop:hunter2@db/orders';
  const amount = order.amount;
  throw new Error('card declined for ' + amount + ' via ' + secret_token.length + dbUrl.length);
}
// Until the debugger is attached (a loaded machine takes seconds): each throw is a poll, not a wait.
const deadline = Date.now() + 30_000;
while (!sent && Date.now() < deadline) {
  try { charge({ amount: 12 }); } catch (err) { Sentry.captureException(err); }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
if (!sent) throw new Error('no event carried local variables');
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write('{}');
`);
}

test('secrets are masked on the issue page as the export filters them, each with a show toggle', async ({ page, server }) => {
  await errorWithSecretLocal(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').filter({ hasText: 'card declined' }).first().click();
  const vars = page.locator('[data-testid="frame-vars"]').filter({ hasText: 'secret_token' }).first();
  await expect(vars).toBeVisible();
  const row = (name: string) => vars.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${name}$`) }) });
  // @sentry/node filtered this local itself: shown as sent, with nothing to reveal.
  await expect(row('secret_token')).toContainText('[Filtered]');
  await expect(row('secret_token').getByTestId('masked-toggle')).toHaveCount(0);
  // The password of a URL in a local is masked, as the export's scrubber does; other locals show as they are.
  const dbUrl = row('dbUrl');
  await expect(dbUrl.getByTestId('masked-value')).toContainText('postgres://shop:[Filtered]@db/orders');
  await expect(vars).not.toContainText('hunter2');
  await expect(row('amount')).toContainText('12');

  // The user's own machine: each value can be shown, and hidden again.
  await dbUrl.getByTestId('masked-toggle').click();
  await expect(dbUrl).toContainText('postgres://shop:hunter2@db/orders');
  await expect(dbUrl.getByTestId('masked-toggle')).toHaveAttribute('aria-pressed', 'true');
  await dbUrl.getByTestId('masked-toggle').click();
  await expect(vars).not.toContainText('hunter2');

  // Extra data: a value under a sensitive key is masked whole, its neighbours not.
  const extra = page.getByTestId('extra');
  await expect(extra).toContainText('live');
  await expect(extra).not.toContainText('sk_live_abc123');
  await extra.getByTestId('masked-toggle').click();
  await expect(extra).toContainText('sk_live_abc123');
});
