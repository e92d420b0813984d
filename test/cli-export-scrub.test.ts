/**
 * `lookout export` from its build: the two opt-in rules the UI and API have (`emails=1&ips=1`) as
 * `--scrub-emails` / `--scrub-ips`, `--help` saying what the default scrubbing covers, and a Markdown
 * report over GitHub's 65,536-character issue limit: said on stderr, and trimmed to fit with `--fit`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { startTestLookout } from './helpers/lookout';
import { runCli } from './helpers/run-cli';

const ROOT = resolve(__dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'lookout-cli-scrub-'));
const EMAIL = 'bob.jones@example.org';
const IP = '203.0.113.77';
const ids = { small: 0, huge: 0 };

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const lookout = await startTestLookout({ dataDir });
  try {
    Sentry.init({ dsn: lookout.dsn, release: 'scrub-shop@1.0.0', defaultIntegrations: false, sendClientReports: false });
    const small = Sentry.captureException(new Error(`Refund refused for ${EMAIL} from ${IP}`));
    // The trace's logs the report quotes (50, each clipped at 2,000 characters) take it over the limit, as a verbose app's do.
    for (let i = 0; i < 60; i++) Sentry.logger.info(`exported batch ${i}: ${'row;'.repeat(600)}`);
    const huge = Sentry.captureException(new Error('Nightly export overflowed'));
    await Sentry.close(5000);
    ids.small = (await lookout.api<EventDetail>(`events/${small}`)).issueId!;
    ids.huge = (await lookout.api<EventDetail>(`events/${huge}`)).issueId!;
  } finally {
    await lookout.close();
  }
}, 240_000);

afterAll(() => { rmSync(dataDir, { recursive: true, force: true }); });

describe('lookout export scrubbing flags', () => {
  it('keeps e-mails and IPs by default, filters them with --scrub-emails and --scrub-ips', async () => {
    const plain = await runCli(['export', String(ids.small), '--data-dir', dataDir]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(EMAIL);
    expect(plain.stdout).toContain(IP);
    const emails = await runCli(['export', String(ids.small), '--data-dir', dataDir, '--scrub-emails']);
    expect(emails.stdout).not.toContain(EMAIL);
    expect(emails.stdout).toContain(IP);
    const both = await runCli(['export', String(ids.small), '--format', 'json', '--data-dir', dataDir, '--scrub-emails', '--scrub-ips']);
    expect(both.code).toBe(0);
    expect(both.stdout).not.toContain(EMAIL);
    expect(both.stdout).not.toContain(IP);
    expect((JSON.parse(both.stdout) as { scrubRules: Record<string, boolean> }).scrubRules).toMatchObject({ emails: true, ips: true, keys: true });
  });

  it('refuses --no-scrub with a scrub flag, and --help says what the default scrubbing covers', async () => {
    const clash = await runCli(['export', String(ids.small), '--data-dir', dataDir, '--no-scrub', '--scrub-ips']);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('--no-scrub turns scrubbing off');
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('--scrub-emails');
    expect(help.stdout).toContain('E-mail addresses and IP');
  });

  it('says a Markdown report is over GitHub\'s issue limit, and --fit trims it to fit', async () => {
    const full = await runCli(['export', String(ids.huge), '--data-dir', dataDir]);
    expect(full.stdout.length).toBeGreaterThan(65_536);
    expect(full.stderr).toContain('over GitHub\'s 65,536-character issue limit: --fit writes a version that fits');
    const fit = await runCli(['export', String(ids.huge), '--data-dir', dataDir, '--fit']);
    expect(fit.code).toBe(0);
    expect(fit.stdout.length).toBeLessThanOrEqual(65_536);
    expect(fit.stdout).toContain('> Trimmed to fit a GitHub issue (65,536 characters)');
    expect(fit.stderr).toMatch(/Trimmed to fit GitHub's 65,536-character issue limit \(from [\d,]+\): \d+ of 50 logs left out/);
  });
});
