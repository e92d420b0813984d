import { execFile } from 'node:child_process';
import path from 'node:path';
import type { SuspectCommitInfo } from '../../shared/api-source';

/** The commit `git blame` names for a line: the API's answer without the file and line it adds. */
export type SuspectCommit = Omit<SuspectCommitInfo, 'file' | 'line'>;

export interface BlameOptions {
  /** The git program; `git` from PATH by default. */
  git?: string;
  timeoutMs?: number;
}

function runGit(git: string, args: string[], cwd: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      execFile(git, args, { cwd, timeout: timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } }, (err, stdout) =>
        resolve(err ? null : stdout),
      );
    } catch {
      resolve(null);
    }
  });
}

/** Parses `git blame --porcelain` output for a single line. */
export function parsePorcelain(out: string): Omit<SuspectCommit, 'changedAfterFirstSeen'> & { committerDate: number } | null {
  const lines = out.split('\n');
  const hash = /^([0-9a-f]{40}) \d+ \d+/.exec(lines[0] ?? '')?.[1];
  if (!hash || /^0+$/.test(hash)) return null; // not committed yet
  const field = (name: string): string | undefined => lines.find((l) => l.startsWith(`${name} `))?.slice(name.length + 1);
  const authorTime = Number(field('author-time'));
  const committerTime = Number(field('committer-time'));
  if (!Number.isFinite(authorTime) || !Number.isFinite(committerTime)) return null;
  return {
    hash,
    shortHash: hash.slice(0, 7),
    author: field('author') ?? '',
    date: authorTime * 1000,
    committerDate: committerTime * 1000,
    summary: field('summary') ?? '',
  };
}

/**
 * Runs `git blame` on one line of a local file and returns the commit that last touched it,
 * flagging a change after the first event. Returns null without git, outside a
 * repository, for untracked files or uncommitted lines — never an error.
 * @see https://docs.sentry.io/product/issues/suspect-commits/
 */
export async function suspectCommit(file: string, line: number, firstSeenMs: number, opts: BlameOptions = {}): Promise<SuspectCommit | null> {
  if (typeof file !== 'string' || !path.isAbsolute(file) || file.includes('\0') || !Number.isInteger(line) || line < 1) return null;
  const args = ['-c', 'core.fsmonitor=false', 'blame', '--porcelain', '-L', `${line},${line}`, '--', path.basename(file)];
  const out = await runGit(opts.git ?? 'git', args, path.dirname(file), opts.timeoutMs ?? 10_000);
  const parsed = out === null ? null : parsePorcelain(out);
  if (!parsed) return null;
  const { committerDate, ...commit } = parsed;
  return { ...commit, changedAfterFirstSeen: Number.isFinite(firstSeenMs) && committerDate > firstSeenMs };
}
