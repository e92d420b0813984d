/**
 * Fills a Lookout with one of everything a view can show, from real SDKs: @sentry/node errors (one a
 * warning, with a release), a traced checkout with logs, ANSI-coloured logs, user feedback, a cron
 * monitor that failed (its issue), and a real @sentry/browser session replay. Used by the axe-core sweep.
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import type { Browser } from '@playwright/test';
import { expect } from '../fixtures';
import type { IssueSummary, Page as ApiPage } from '../../src/shared/api-types';
import { readApi } from './read-api';
import { nodeSender } from './sentry-node';
import { captureNamedFailure } from './shop-app';
import { emitLogs, errorWithFeedback, tracedCheckout } from './sentry-node-traces';
import { watchReplayTraffic } from './browser-app/replay-traffic';
import type { BrowserApp } from './browser-app/server';

export interface SeededIds {
  issueId: number;
  cronIssueId: number;
  traceId: string;
  replayId: string;
  projectId: number;
}

async function failedCron(dsn: string): Promise<void> {
  const client = new NodeClient({ dsn, environment: 'production', release: 'jobs@2.0.0', transport: makeNodeTransport,
    stackParser: defaultStackParser, integrations: [], sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  const config = { schedule: { type: 'crontab' as const, value: '*/5 * * * *' }, checkinMargin: 2, maxRuntime: 10, timezone: 'UTC' };
  const ok = client.captureCheckIn({ monitorSlug: 'nightly-report', status: 'in_progress' }, config, scope);
  client.captureCheckIn({ monitorSlug: 'nightly-report', status: 'ok', checkInId: ok, duration: 1.25 }, undefined, scope);
  const failed = client.captureCheckIn({ monitorSlug: 'nightly-report', status: 'in_progress' }, config, scope);
  client.captureCheckIn({ monitorSlug: 'nightly-report', status: 'error', checkInId: failed, duration: 0.5 }, undefined, scope);
  if (!(await client.flush(10_000))) throw new Error('check-ins not flushed');
}

/** A real browser session with replay that ends in an error; resolves with its replay id. */
async function browserReplay(browser: Browser, app: BrowserApp, serverUrl: string, dsn: string): Promise<string> {
  const context = await browser.newContext();
  const shop = await context.newPage();
  const traffic = await watchReplayTraffic(shop, new URL(serverUrl).origin);
  await shop.goto(app.pageUrl(dsn));
  await expect.poll(() => traffic.segments.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await shop.locator('#name').pressSequentially('Ada');
  await shop.click('#crash');
  await expect.poll(() => traffic.errorEventIds.length > 0 && traffic.segments.some((s) => s.text.includes('Paying now')), { timeout: 30_000 }).toBe(true);
  const replayId = traffic.replayId ?? '';
  await context.close();
  return replayId;
}

export async function seedEverything(browser: Browser, app: BrowserApp, serverUrl: string, dsn: string): Promise<SeededIds> {
  const node = nodeSender(dsn, { release: 'shop-api@1.4.0', user: { email: 'ada@example.invalid' } });
  captureNamedFailure(node, 'Cannot read properties of undefined (reading \'price\')');
  node.capture('stock running low for ink-01');
  await node.flush();
  const { traceId } = await tracedCheckout(dsn);
  await emitLogs(dsn, [
    { level: 'warn', body: '\u001b[33mdeprecated\u001b[0m option \u001b[93mmaxRetries\u001b[0m', attributes: {} },
    { level: 'info', body: '\u001b[32m✓\u001b[0m \u001b[36mmail sent\u001b[0m to \u001b[35m3\u001b[0m users \u001b[90m(12 ms)\u001b[0m', attributes: {} },
    { level: 'error', body: '\u001b[31mfailed\u001b[0m \u001b[34mqueue\u001b[0m \u001b[91mretrying\u001b[0m \u001b[94mjob-7\u001b[0m', attributes: {} },
  ]);
  await errorWithFeedback(dsn, { message: 'The pay button does nothing', name: 'Ada', email: 'ada@example.invalid', url: 'http://shop.test/pay' });
  await failedCron(dsn);
  const replayId = await browserReplay(browser, app, serverUrl, dsn);

  let issues: IssueSummary[] = [];
  await expect.poll(async () => {
    issues = (await readApi<ApiPage<IssueSummary>>(serverUrl, 'issues')).items;
    return issues.some((i) => i.issueCategory === 'cron') && issues.some((i) => i.title.includes('price'));
  }, { timeout: 30_000 }).toBe(true);
  const issue = issues.find((i) => i.title.includes('price'));
  const cronIssue = issues.find((i) => i.issueCategory === 'cron');
  if (!issue || !cronIssue) throw new Error('seeded issues missing');
  return { issueId: issue.id, cronIssueId: cronIssue.id, traceId, replayId, projectId: issue.projectId };
}
