/**
 * The CLI a developer expects, run from its build: `lookout --version`, and `lookout issues` listing a
 * store real @sentry/node filled (the issue list's search: free text, project, status, JSON), so that
 * `lookout export ID` works without the UI; and clear errors for bad options and an unknown issue.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { VERSION } from '../src/core/version';
import { startTestLookout } from './helpers/lookout';
import { runCli } from './helpers/run-cli';

const ROOT = resolve(__dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'lookout-cli-issues-'));
const ids: Record<'payment' | 'profile', number> = { payment: 0, profile: 0 };
let traceId = '';

beforeAll(async () => {
  // The CLI runs from its build; build it when missing or stale.
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const lookout = await startTestLookout({ dataDir });
  try {
    Sentry.init({ dsn: lookout.dsn, release: 'cli-shop@2.0.0', defaultIntegrations: false, sendClientReports: false });
    const payment = Sentry.captureException(new Error('Payment declined for order 17'));
    const profile = Sentry.captureException(new TypeError('Profile has no avatar'));
    await Sentry.close(5000);
    const [p, q] = await Promise.all([payment, profile].map((id) => lookout.api<EventDetail>(`events/${id}`)));
    ids.payment = p!.issueId!;
    ids.profile = q!.issueId!;
    traceId = p!.traceId!;
    await lookout.api(`issues/${ids.profile}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"resolved"}' });
  } finally {
    await lookout.close();
  }
}, 240_000);

afterAll(() => { rmSync(dataDir, { recursive: true, force: true }); });

describe('lookout --version', () => {
  it.each(['--version', '-v'])('%s prints the version', async (flag) => {
    expect(await runCli([flag])).toEqual({ code: 0, stdout: `lookout ${VERSION}\n`, stderr: '' });
  });
});

describe('lookout issues', () => {
  it('lists the unresolved issues by default: id, status, events, users, last seen, project and title', async () => {
    const { code, stdout, stderr } = await runCli(['issues', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +STATUS +EVENTS +USERS +LAST SEEN +PROJECT +TITLE$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(new RegExp(`^ *${ids.payment}  unresolved +1 +\\d+  \\d{4}-\\d\\d-\\d\\dT\\S+Z  cli-shop +Error: Payment declined for order 17$`))]);
    expect(stderr).toBe('1 issue.\n');
  });

  it('takes the UI search, a project and a status, and answers JSON', async () => {
    const all = await runCli(['issues', '--data-dir', dataDir, '--status', 'all', '--json']);
    expect(all.code).toBe(0);
    const body = JSON.parse(all.stdout) as { total: number; items: { id: number; status: string; title: string; project: string; count: number }[] };
    expect(body.total).toBe(2);
    expect(body.items.map((i) => [i.id, i.status, i.project, i.count]).sort()).toEqual([[ids.payment, 'unresolved', 'cli-shop', 1], [ids.profile, 'resolved', 'cli-shop', 1]].sort());
    const resolved = await runCli(['issues', '--data-dir', dataDir, '--status', 'resolved', '--query', 'avatar', '--project', 'cli-shop']);
    expect(resolved.stdout).toContain('TypeError: Profile has no avatar');
    expect(resolved.stdout).not.toContain('Payment');
    const typed = await runCli(['issues', '--data-dir', dataDir, '--status', 'all', '--query', 'error.type:TypeError', '--json']);
    expect((JSON.parse(typed.stdout) as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([ids.profile]);
    const none = await runCli(['issues', '--data-dir', dataDir, '--project', 'no-such-app']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toContain('No project is named "no-such-app"');
  });

  it('an id it lists exports, with the trace named', async () => {
    const { code, stdout } = await runCli(['export', String(ids.payment), '--format', 'md', '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(stdout).toContain('# Error: Payment declined for order 17');
    expect(stdout).toContain(`Trace \`${traceId}\``);
    expect(stdout).toContain('Status **Unresolved** · first release `cli-shop@2.0.0`');
  });

  it.each([
    [['issues', '--status', 'open'], '--status must be one of unresolved, resolved, ignored, all (got open)'],
    [['issues', '--limit', '0'], '--limit must be a whole number of at least 1 (got 0)'],
    [['issues', '--limit', '501'], '--limit must be at most 500 (got 501)'],
    [['issues', 'extra'], 'unexpected argument "extra": this command takes options only'],
    [['export', '999999', '--format', 'md'], 'No issue 999999 in'],
  ])('lookout %j fails with a clear message', async (args, message) => {
    const { code, stderr } = await runCli([...args, '--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  it('is in the usage', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toContain('lookout issues [--data-dir D] [--query Q] [--project P]');
    expect(stdout).toContain('lookout --version (-v)');
  });
});
