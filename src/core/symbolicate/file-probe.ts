import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * How long an answer to "is there a file here?" is reused. Events from the same app name the
 * same paths thousands of times a second, and most of them (a container's `/app/...`, a
 * dependency's path) do not exist here: a failed stat costs more than the rest of symbolication.
 * A file created after an answer is seen at most this long later; opening the event later
 * symbolicates it again anyway.
 */
export const PROBE_TTL_MS = 1000;
const MAX_ANSWERS = 20_000;

type Kind = 'file' | 'dir' | 'other' | 'missing';
const answers = new Map<string, { kind: Kind; at: number }>();

function remembered(p: string): Kind | null {
  const hit = answers.get(p);
  return hit && Date.now() - hit.at < PROBE_TTL_MS ? hit.kind : null;
}

function remember(p: string, kind: Kind): Kind {
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(p, { kind, at: Date.now() });
  return kind;
}

const kindOf = (s: { isFile(): boolean; isDirectory(): boolean }): Kind => (s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other');

/**
 * What is at `p` (following links). With `reuse`, a recent answer is taken from the cache (the
 * ingest path); without it the disk is asked again (view time, where a file just built counts).
 */
export async function probe(p: string, reuse = false): Promise<Kind> {
  const known = reuse ? remembered(p) : null;
  if (known) return known;
  try {
    return remember(p, kindOf(await stat(p)));
  } catch {
    return remember(p, 'missing');
  }
}

/** {@link probe} for synchronous callers. */
export function probeSync(p: string, reuse = false): Kind {
  const known = reuse ? remembered(p) : null;
  if (known) return known;
  const s = statSync(p, { throwIfNoEntry: false });
  return remember(p, s ? kindOf(s) : 'missing');
}
