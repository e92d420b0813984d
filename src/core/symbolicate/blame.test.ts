import { execFileSync } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspectCommit } from './index';

const FIRST_DATE = '2024-01-10T09:00:00Z';
const FIRST_SEEN = Date.parse('2024-06-01T00:00:00Z');
const SECOND_DATE = '2024-09-20T15:30:00Z';

let repo: string;
let plain: string;
let file: string;

function git(args: string[], date?: string): string {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  return execFileSync('git', ['-c', 'user.name=Test Person', '-c', 'user.email=test@example.com', ...args], { cwd: repo, env, encoding: 'utf8' });
}

beforeAll(async () => {
  repo = await realpath(await mkdtemp(path.join(os.tmpdir(), 'lookout-blame-')));
  plain = await realpath(await mkdtemp(path.join(os.tmpdir(), 'lookout-norepo-')));
  file = path.join(repo, 'cart.js');
  git(['init', '-q', '--initial-branch=main']);
  await writeFile(file, 'function total() {\n  let sum = 0;\n  return sum;\n}\n');
  git(['add', 'cart.js']);
  git(['commit', '-q', '-m', 'Add cart total'], FIRST_DATE);
  await writeFile(file, 'function total() {\n  let sum = 0;\n  return sum * 2;\n}\n');
  git(['commit', '-q', '-am', 'Double the total'], SECOND_DATE);
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
  await rm(plain, { recursive: true, force: true });
});

describe('suspectCommit', () => {
  it('finds the commit that changed the line after the first event, and flags it', async () => {
    const head = git(['rev-parse', 'HEAD']).trim();
    expect(await suspectCommit(file, 3, FIRST_SEEN)).toEqual({
      hash: head,
      shortHash: head.slice(0, 7),
      author: 'Test Person',
      date: Date.parse(SECOND_DATE),
      summary: 'Double the total',
      changedAfterFirstSeen: true,
    });
  });

  it('does not flag a line last changed before the first event', async () => {
    const first = git(['rev-list', '--max-parents=0', 'HEAD']).trim();
    expect(await suspectCommit(file, 2, FIRST_SEEN)).toMatchObject({ hash: first, summary: 'Add cart total', date: Date.parse(FIRST_DATE), changedAfterFirstSeen: false });
  });

  it('returns null outside a repository, for untracked files and lines past the end', async () => {
    await writeFile(path.join(plain, 'x.js'), 'a\n');
    expect(await suspectCommit(path.join(plain, 'x.js'), 1, FIRST_SEEN)).toBeNull();
    await writeFile(path.join(repo, 'new.js'), 'a\n');
    expect(await suspectCommit(path.join(repo, 'new.js'), 1, FIRST_SEEN)).toBeNull();
    expect(await suspectCommit(file, 99, FIRST_SEEN)).toBeNull();
    expect(await suspectCommit(path.join(repo, 'gone.js'), 1, FIRST_SEEN)).toBeNull();
  });

  it('returns null for an uncommitted change on the line', async () => {
    await writeFile(path.join(repo, 'cart.js'), 'function total() {\n  let sum = 1;\n  return sum * 2;\n}\n');
    expect(await suspectCommit(file, 2, FIRST_SEEN)).toBeNull();
    expect(await suspectCommit(file, 3, FIRST_SEEN)).toMatchObject({ summary: 'Double the total' });
  });

  it('returns null when git is missing', async () => {
    expect(await suspectCommit(file, 3, FIRST_SEEN, { git: path.join(plain, 'no-git-here') })).toBeNull();
  });

  it('returns null for nonsense input', async () => {
    expect(await suspectCommit('relative.js', 1, FIRST_SEEN)).toBeNull();
    expect(await suspectCommit(file, 0, FIRST_SEEN)).toBeNull();
    expect(await suspectCommit(file, 1.5, FIRST_SEEN)).toBeNull();
  });
});
