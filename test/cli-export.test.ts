/**
 * `lookout export` from its build on a store real @sentry/node filled: several issues at once (one
 * file each in --out DIR, progress per issue, a clear error for an id that fails while the others are
 * written, exit code 1), and the trace link of a report: into the sender's Lookout at the data dir's
 * configured port, never at a port the system picked for a running server.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { startTestLookout } from './helpers/lookout';
import { runCli } from './helpers/run-cli';

const ROOT = resolve(__dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'lookout-cli-export-'));
const outRoot = mkdtempSync(join(tmpdir(), 'lookout-cli-export-out-'));
const ids = { payment: 0, profile: 0 };
let traceId = '';
const fileInOut = join(outRoot, 'report.md');
writeFileSync(fileInOut, '');

function freshOut(name: string): string {
  const dir = join(outRoot, name);
  mkdirSync(dir);
  return dir;
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const lookout = await startTestLookout({ dataDir });
  try {
    Sentry.init({ dsn: lookout.dsn, release: 'export-shop@1.0.0', defaultIntegrations: false, sendClientReports: false });
    const payment = Sentry.captureException(new Error('Payment declined for order 36'));
    const profile = Sentry.captureException(new TypeError('Profile has no avatar 54'));
    await Sentry.close(5000);
    const [p, q] = await Promise.all([payment, profile].map((id) => lookout.api<EventDetail>(`events/${id}`)));
    ids.payment = p!.issueId!;
    ids.profile = q!.issueId!;
    traceId = p!.traceId!;
  } finally {
    await lookout.close();
  }
}, 240_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outRoot, { recursive: true, force: true });
});

describe('lookout export with several issue ids', () => {
  it('writes one report per issue into --out DIR (made when missing), named by issue id, with a line per issue', async () => {
    const out = join(outRoot, 'new', 'md');
    const { code, stdout, stderr } = await runCli(['export', String(ids.payment), String(ids.profile), '--out', out, '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual([`lookout-issue-${ids.payment}.md`, `lookout-issue-${ids.profile}.md`].sort());
    expect(readFileSync(join(out, `lookout-issue-${ids.payment}.md`), 'utf8')).toContain('# Error: Payment declined for order 36');
    expect(readFileSync(join(out, `lookout-issue-${ids.profile}.md`), 'utf8')).toContain('# TypeError: Profile has no avatar 54');
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^\\[1/2\\] issue ${ids.payment}: wrote .*lookout-issue-${ids.payment}\\.md \\(\\d+\\.\\d KB\\)$`)),
      expect.stringMatching(new RegExp(`^\\[2/2\\] issue ${ids.profile}: wrote .*lookout-issue-${ids.profile}\\.md \\(\\d+\\.\\d KB\\)$`)),
      `Exported 2 issues to ${out}.`, '',
    ]);
  });

  it('says which id failed, still exports the others (JSON: one bundle each), and exits 1', async () => {
    const out = freshOut('json');
    const { code, stderr } = await runCli(['export', String(ids.payment), '999999', String(ids.profile), '--format', 'json', '--out', out, '--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`[2/3] issue 999999 failed: No issue 999999 in ${dataDir}`);
    expect(stderr).toContain(`Exported 2 of 3 issues to ${out}; failed: 999999.`);
    // One JSON bundle per issue, each importable on its own.
    for (const id of [ids.payment, ids.profile]) {
      const bundle = JSON.parse(readFileSync(join(out, `lookout-issue-${id}.json`), 'utf8')) as { issue?: { id?: number } };
      expect(bundle.issue).toBeDefined();
    }
    expect(readdirSync(out)).toHaveLength(2);
  });

  it.each([
    [['export', '1', '2'], '2 issues need --out DIR'],
    [['export', '1', '2', '--out', fileInOut], `--out ${fileInOut} is a file: with several issues, --out names a folder`],
    [['export', '36', '54x'], 'not an issue id: "54x"'],
    [['export', '36', '--format', 'pdf'], 'unknown --format pdf: use md, html or json'],
  ])('lookout %j fails with a clear message', async (args, message) => {
    const { code, stderr } = await runCli([...args, '--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  it('is in the usage', async () => {
    expect((await runCli(['--help'])).stdout).toContain('lookout export ISSUE_ID... --format md|html|json [--out FILE|DIR]');
  });
});

describe("the report's trace link", () => {
  it('points into the sender\'s Lookout at the configured port when none runs, labelled so', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{ "port": 9123 }\n');
    const md = await runCli(['export', String(ids.payment), '--data-dir', dataDir]);
    expect(md.stdout).toContain(`Trace \`${traceId}\` · in the sender's Lookout (opens on their machine only): <http://127.0.0.1:9123/#/traces/${traceId}>`);
    const html = await runCli(['export', String(ids.payment), '--format', 'html', '--data-dir', dataDir]);
    expect(html.stdout).toContain(`<a href="http://127.0.0.1:9123/#/traces/${traceId}" title="A link into the Lookout that exported this report">open in the sender's Lookout</a>`);
  });

  it('has no link while a Lookout with a system-picked port (--port 0) serves the data dir', async () => {
    const lookout = await startTestLookout({ dataDir });
    try {
      const { code, stdout } = await runCli(['export', String(ids.payment), '--data-dir', dataDir]);
      expect(code).toBe(0);
      expect(stdout).toContain(`## Trace\n\nTrace \`${traceId}\`\n`);
      expect(stdout).not.toContain('#/traces/');
      expect(stdout).not.toContain(`:${lookout.port}`);
    } finally {
      await lookout.close();
    }
  });
});
