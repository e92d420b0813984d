import { describe, expect, it } from 'vitest';
import { LEAD_IN_MS, playerStartMs, replaySection } from './html-replay';
import type { ReplayView } from './report-replay';

/** A 1-second recording; the error `errorOffsetMs` after its first event. */
function view(errorOffsetMs: number | null): ReplayView {
  return { replayId: 'a'.repeat(32), available: true, eventCount: 4, durationMs: 1000, errorOffsetMs,
    steps: errorOffsetMs === null ? [] : [{ offsetMs: errorOffsetMs, kind: 'error', label: 'boom' }], stepsTotal: 1 };
}

function island(html: string): { startOffsetMs: number; errorOffsetMs: number | null } {
  const json = /<script type="application\/json" id="lookout-replay-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as { startOffsetMs: number; errorOffsetMs: number | null };
}

describe('replaySection', () => {
  it('starts a few seconds before an error inside the recording, and says so', () => {
    const inside = { ...view(12_000), durationMs: 20_000 };
    expect(playerStartMs(inside)).toBe(12_000 - LEAD_IN_MS);
    const html = replaySection({ view: inside, events: [{}, {}], playerAssets: null, moment: 'the error' });
    expect(html).toContain('The player starts 5 seconds before the error.');
    expect(html).not.toContain('after the recording ended');
  });

  it('words the start from the real offset when the error comes sooner than the lead-in', () => {
    // The reviewer's report: the error 0.88 s into the recording, the player at 0, the page saying "5 seconds before".
    const early = { ...view(880), durationMs: 6080 };
    const html = replaySection({ view: early, events: [{}, {}], playerAssets: null, moment: 'the error' });
    expect(island(html).startOffsetMs).toBe(0);
    expect(html).toContain('The player starts at the beginning of the recording, 0.88s before the error.');
    expect(html).not.toContain('5 seconds before');
  });

  it('never starts past the end when the error came after the recording ended, and says so', () => {
    // The reviewer's report: a 1 s recording, the error 4 min 23 s in, shown as `04:23 / 00:01`.
    const late = view(263_000);
    const html = replaySection({ view: late, events: [{}, {}], playerAssets: null, moment: 'the error' });
    expect(island(html).startOffsetMs).toBe(0);
    expect(island(html).startOffsetMs).toBeLessThanOrEqual(late.durationMs);
    expect(html).toContain('The error happened after the recording ended');
    expect(html).toContain('4m 22.0s after its last event');
    expect(html).toContain('the player starts at the beginning of the recording.');
    expect(playerStartMs({ ...late, durationMs: 60_000 })).toBe(60_000 - LEAD_IN_MS);
  });
});
