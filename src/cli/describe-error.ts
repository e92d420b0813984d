/** What a file-system error means, in words (Node's own messages name only the syscall). */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
};

/** One line for a command's failure: a file error says which path and why; anything else its message. */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reason = e.code ? REASONS[e.code] : undefined;
  if (reason && typeof e.path === 'string') return `Cannot ${e.syscall ?? 'use'} ${e.path}: ${reason} (${e.code}).`;
  return err instanceof Error ? err.message : String(err);
}
