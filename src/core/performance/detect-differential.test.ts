/**
 * The detectors' output, pinned: problems (fingerprints, span ids, evidence, display rows) of ~800
 * seeded transactions and streamed segments, computed by the detectors before their speed-ups
 * (span hashes shared and memoised, hashes compared only when needed), must come out the same.
 * `PIN_DETECTORS=1 npx vitest run src/core/performance/detect-differential.test.ts` rewrites the
 * pins: only after a deliberate change of behaviour.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectPerformanceProblems } from './detect';
import { randomSegmentSpans, randomTransaction, seededRandom } from './differential-cases';
import { segmentEvent } from './segment-event';

const PINS = new URL('./detect-differential.pinned.json', import.meta.url);

interface Pins { digests: string[]; problemsByType: Record<string, number> }

function cases(): SentryEvent[] {
  const r = seededRandom(20_261_124);
  const events: SentryEvent[] = [];
  for (let i = 0; i < 600; i++) events.push(randomTransaction(r, r.int(1, 25)));
  for (let i = 0; i < 200; i++) {
    const [root, ...children] = randomSegmentSpans(r, r.int(2, 80));
    events.push(segmentEvent(root, children, r.hex(32)));
  }
  for (let i = 0; i < 4; i++) events.push(randomTransaction(r, 300));
  return events;
}

describe('performance detectors against their pinned output', () => {
  it('find the same problems, with the same fingerprints, spans and evidence, in every seeded transaction and segment', () => {
    const found = cases().map(detectPerformanceProblems);
    const digests = found.map((problems) => createHash('sha1').update(JSON.stringify(problems)).digest('hex').slice(0, 16));
    const problemsByType: Record<string, number> = {};
    for (const p of found.flat()) {
      const type = p.fingerprint.startsWith('1-1011-') ? 'mn_plus_one_db_queries' : p.issueType;
      problemsByType[type] = (problemsByType[type] ?? 0) + 1;
    }
    if (process.env.PIN_DETECTORS === '1') writeFileSync(PINS, `${JSON.stringify({ digests, problemsByType }, null, 0)}\n`);
    const pinned = JSON.parse(readFileSync(PINS, 'utf8')) as Pins;
    expect(problemsByType).toEqual(pinned.problemsByType);
    const differing = digests.flatMap((d, i) => (d === pinned.digests[i] ? [] : [i]));
    expect(differing).toEqual([]);
    expect(digests.length).toBe(pinned.digests.length);
  });

  it('the seeded cases reach every detector (else the pins prove little)', () => {
    const pinned = JSON.parse(readFileSync(PINS, 'utf8')) as Pins;
    for (const type of ['performance_n_plus_one_db_queries', 'performance_slow_db_query', 'performance_consecutive_db_queries',
      'performance_consecutive_http', 'performance_n_plus_one_api_calls', 'performance_large_http_payload',
      'performance_render_blocking_asset_span', 'performance_uncompressed_assets', 'mn_plus_one_db_queries']) {
      expect(pinned.problemsByType[type] ?? 0, type).toBeGreaterThan(3);
    }
  });
});
