import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectSourceRoots, symbolicateEvent } from './index';
import { isRecord } from './frames';
import { SPOTLIGHT_CORPUS } from '../grouping/test-support/corpus';

const CORPUS = SPOTLIGHT_CORPUS;

/** Every JSON line of the corpus envelopes that carries an exception. */
async function corpusEvents(): Promise<{ file: string; event: SentryEvent }[]> {
  const out: { file: string; event: SentryEvent }[] = [];
  for (const file of (await readdir(CORPUS)).sort()) {
    const text = await readFile(path.join(CORPUS, file), 'latin1');
    for (const line of text.split('\n')) {
      try {
        const v: unknown = JSON.parse(line);
        if (isRecord(v) && 'exception' in v) out.push({ file, event: v as SentryEvent });
      } catch {}
    }
  }
  return out;
}

describe('real SDK events from the corpus', () => {
  it('go through symbolication untouched when their files are not on this machine', async () => {
    const events = await corpusEvents();
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const { event } of events) {
      const roots = detectSourceRoots(event);
      expect(roots).toEqual([]);
      const { event: out, changed } = await symbolicateEvent(event, { sourceRoots: ['/nonexistent-root'] });
      expect(changed).toBe(false);
      expect(out).toBe(event);
    }
  });
});
