/**
 * "Resolve in the next release" names its release once there is one, as Sentry's issue page does:
 * a real Lookout fed by real @sentry/node. The issue is resolved while shop-api@1.4.0 is the latest;
 * an older build still sending (1.3.9) is not the next release; the first newer one seen (1.4.1, by
 * another error of the app) is, and the issue detail, the bug reports and the issue page say so.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail, IssueSummary, Page } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { runCli } from './helpers/run-cli';

let lookout: TestLookout;

/** `lookout issues` (the built CLI) on the running store: the issue's status word and its JSON row. */
async function cliStatus(issueId: number): Promise<{ word: string; json: Record<string, unknown> | undefined }> {
  const args = ['issues', '--data-dir', lookout.dataDir, '--status', 'all'];
  const text = await runCli(args);
  const line = text.stdout.split('\n').find((l) => l.trimStart().startsWith(`${issueId}  `)) ?? '';
  const json = JSON.parse((await runCli([...args, '--json'])).stdout) as { items: Record<string, unknown>[] };
  return { word: line.trimStart().split(/ {2,}/)[1] ?? '', json: json.items.find((i) => i.id === issueId) };
}

/**
 * Captures `message` as an error of `release`, grouped by its message (the callers' stacks differ);
 * Lookout answers the SDK once the event is committed.
 */
async function send(release: string, message: string): Promise<EventDetail> {
  await Sentry.close(2000);
  Sentry.init({ dsn: lookout.dsn, release, defaultIntegrations: false, sendClientReports: false });
  const id = Sentry.withScope((scope) => {
    scope.setFingerprint([message]);
    return Sentry.captureException(new Error(message));
  });
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  return lookout.api<EventDetail>(`events/${id}`);
}

async function statusLine(issueId: number, format: 'md' | 'html'): Promise<string> {
  const res = await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=${format}&replay=0`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return text.split('\n').find((l) => l.includes('Status ')) ?? '';
}

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

describe('an issue resolved in the next release', () => {
  let issueId = 0;
  const issue = (): Promise<IssueDetail> => lookout.api<IssueDetail>(`issues/${issueId}`);
  /** Every issue of the list (all statuses), as the issue list asks for them. */
  const listed = async (): Promise<IssueSummary[]> => (await lookout.api<Page<IssueSummary>>('issues?status=all&limit=100')).items;
  const listItem = async (id: number): Promise<IssueSummary | undefined> => (await listed()).find((i) => i.id === id);

  beforeAll(async () => {
    issueId = (await send('shop-api@1.4.0', 'Coupon total below zero')).issueId!;
    await lookout.api(`issues/${issueId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: '{"status":"resolved_next_release"}' });
  }, 30_000);

  it('is pending until a newer release appears, naming the release it was resolved after', async () => {
    // An older build still running is no newer release, though first seen after the resolution.
    await send('shop-api@1.3.9', 'Stock lookup timed out');
    const pending = await issue();
    expect(pending.status).toBe('resolved_next_release');
    expect(pending.resolvedAfterRelease).toBe('shop-api@1.4.0');
    expect(pending.resolvedInRelease).toBeNull();
    const row = await listItem(issueId);
    expect(row?.resolvedAfterRelease).toBe('shop-api@1.4.0');
    expect(row?.resolvedInRelease).toBeNull();
    expect(await statusLine(issueId, 'md')).toBe('Status **Resolved in the next release (after shop-api@1.4.0)** · '
      + 'first release `shop-api@1.4.0` · last release `shop-api@1.4.0`');
    const cli = await cliStatus(issueId);
    expect(cli.word).toBe('resolved (next release)');
    expect(cli.json).toMatchObject({ status: 'resolved (next release)', resolvedInRelease: null, resolvedAfterRelease: 'shop-api@1.4.0' });
  }, 30_000);

  it('is resolved in the first newer release the app sends from, in the detail and both reports', async () => {
    // Another error of the app brings the new release: this issue stays resolved.
    const other = await send('shop-api@1.4.1', 'Stock lookup timed out');
    expect(other.issueId).not.toBe(issueId);
    await send('shop-api@1.4.2', 'Stock lookup timed out');
    const resolved = await issue();
    expect(resolved.status).toBe('resolved_next_release');
    expect(resolved.resolvedInRelease).toBe('shop-api@1.4.1');
    // The issue list says it too, for this issue only: the unresolved one carries no resolution.
    const rows = await listed();
    const row = rows.find((i) => i.id === issueId);
    expect(row?.resolvedInRelease).toBe('shop-api@1.4.1');
    expect(row?.resolvedAfterRelease).toBe('shop-api@1.4.0');
    const open = rows.find((i) => i.id === other.issueId);
    expect(open?.status).toBe('unresolved');
    expect(open && 'resolvedInRelease' in open).toBe(false);
    expect(await statusLine(issueId, 'md')).toContain('Status **Resolved in shop-api@1.4.1** · ');
    expect(await statusLine(issueId, 'html')).toContain('Status <strong class="issue-status">Resolved in shop-api@1.4.1</strong>');
    // The CLI's list says it as the issue list does.
    const cli = await cliStatus(issueId);
    expect(cli.word).toBe('resolved in shop-api@1.4.1');
    expect(cli.json).toMatchObject({ status: 'resolved in shop-api@1.4.1', resolvedInRelease: 'shop-api@1.4.1' });
    expect((await cliStatus(other.issueId!)).json).not.toHaveProperty('resolvedInRelease');
  }, 30_000);

  it('regresses when it comes back in a later release, and the report says in which', async () => {
    expect((await send('shop-api@1.4.2', 'Coupon total below zero')).issueId).toBe(issueId);
    const regressed = await issue();
    expect(regressed.status).toBe('unresolved');
    expect(regressed.regressedInRelease).toBe('shop-api@1.4.2');
    expect(regressed.resolvedInRelease).toBeNull();
    const row = await listItem(issueId);
    expect(row?.status).toBe('unresolved');
    expect(row && 'resolvedInRelease' in row).toBe(false);
    expect(await statusLine(issueId, 'md')).toContain('Status **Regressed (regressed in shop-api@1.4.2)**');
  }, 30_000);
});
