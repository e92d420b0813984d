/**
 * `segmentGroups` against its output pinned before its fast path (the previous span's group reused
 * without a key lookup): seeded span items of several segments and traces, interleaved, nested, some
 * spans naming no segment or no trace, must group the same.
 * `PIN_SEGMENT_GROUPS=1 npx vitest run src/core/pipeline/segment-groups-differential.test.ts` rewrites
 * the pins: only after a deliberate change of behaviour.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomSpanItem, seededRandom } from '../performance/differential-cases';
import { segmentGroups } from './prepare-segments';

const PINS = new URL('./segment-groups-differential.pinned.json', import.meta.url);

describe('segmentGroups against its pinned output', () => {
  it('groups 500 seeded span items as before: the same segments, roots and children, in the same order', () => {
    const r = seededRandom(7_242_026);
    const digests: string[] = [];
    let groups = 0;
    for (let i = 0; i < 500; i++) {
      const found = segmentGroups(randomSpanItem(r));
      groups += found.length;
      digests.push(createHash('sha1').update(JSON.stringify(found)).digest('hex').slice(0, 16));
    }
    if (process.env.PIN_SEGMENT_GROUPS === '1') writeFileSync(PINS, `${JSON.stringify({ digests, groups })}\n`);
    const pinned = JSON.parse(readFileSync(PINS, 'utf8')) as { digests: string[]; groups: number };
    expect(groups).toBe(pinned.groups);
    expect(digests.flatMap((d, i) => (d === pinned.digests[i] ? [] : [i]))).toEqual([]);
    expect(groups).toBeGreaterThan(600);
  });
});
