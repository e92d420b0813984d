/**
 * `GET /issues/:id/suspect-commit` in a temporary git repository made here: the commit that last
 * touched the top in-app frame's line (original file, through the source map), flagged once the
 * line changes after the issue's first event; nothing (and no error) outside a repo or without git.
 */
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail, SuspectCommitInfo } from '../src/shared/api-types';
import { buildApp, makeProject, throwUnderSentry } from './helpers/node-app';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let repo: string;
let loose: string;
let lookout: TestLookout;
let issue: IssueDetail;

function git(args: string[], date: string): string {
  return execFileSync('git', ['-c', 'user.name=Ada Lovelace', '-c', 'user.email=ada@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  }).trim();
}

async function suspect(issueId: number): Promise<SuspectCommitInfo | null> {
  return lookout.api<SuspectCommitInfo | null>(`issues/${issueId}/suspect-commit`);
}

beforeAll(async () => {
  repo = await makeProject('lookout-blame-');
  loose = await makeProject('lookout-noblame-');
  git(['init', '-q'], '2024-01-01T10:00:00Z');
  git(['add', 'src', 'package.json'], '2024-01-01T10:00:00Z');
  git(['commit', '-q', '-m', 'add price validation'], '2024-01-01T10:00:00Z');
  lookout = await startTestLookout();
  const event = await lookout.api<EventDetail>(`events/${await throwUnderSentry(lookout.dsn, await buildApp(repo, 'min', { minify: true }))}`);
  issue = await lookout.api<IssueDetail>(`issues/${event.issueId}`);
});

afterAll(async () => {
  await lookout.stopAndClean();
  await rm(repo, { recursive: true, force: true });
  await rm(loose, { recursive: true, force: true });
});

describe('suspect commit', () => {
  it('blames the original line of the top in-app frame', async () => {
    const head = git(['rev-parse', 'HEAD'], '2024-01-01T10:00:00Z');
    expect(await suspect(issue.id)).toEqual({
      hash: head, shortHash: head.slice(0, 7), author: 'Ada Lovelace', date: Date.parse('2024-01-01T10:00:00Z'),
      summary: 'add price validation', changedAfterFirstSeen: false, file: path.join(repo, 'src/validate.js'), line: 3,
    });
  });

  it('flags a change of that line committed after the first event', async () => {
    const file = path.join(repo, 'src/validate.js');
    await writeFile(file, (await readFile(file, 'utf8')).replace('negative price for', 'price below zero for'));
    const after = new Date(issue.firstSeen + 60_000).toISOString();
    git(['commit', '-q', '-am', 'reword the price error'], after);
    const found = await suspect(issue.id);
    expect(found?.summary).toBe('reword the price error');
    expect(found?.hash).toBe(git(['rev-parse', 'HEAD'], after));
    expect(found?.changedAfterFirstSeen).toBe(true);
  });

  it('shows nothing outside a repository, and nothing without git', async () => {
    const outside = await lookout.api<EventDetail>(`events/${await throwUnderSentry(lookout.dsn, await buildApp(loose, 'min', { minify: true }))}`);
    expect(outside.issueId).not.toBeNull();
    expect(await suspect(outside.issueId!)).toBeNull();
    const pathBefore = process.env.PATH;
    process.env.PATH = path.join(loose, 'no-bin-here');
    try {
      expect(await suspect(issue.id)).toBeNull();
    } finally {
      process.env.PATH = pathBefore;
    }
    expect((await fetch(`${lookout.url}/_lookout/api/issues/999999/suspect-commit`)).status).toBe(404);
  });
});
