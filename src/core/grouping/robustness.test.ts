import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { applyInAppRules, computeGrouping, eventTitle, parameterize } from './index';

// Event data is untrusted: any field may be missing or of another type.
const looseFrame = fc.record(
  { filename: fc.oneof(fc.string(), fc.integer()), abs_path: fc.string(), function: fc.oneof(fc.string(), fc.constant(null)), module: fc.string(), context_line: fc.string(), in_app: fc.oneof(fc.boolean(), fc.string()), data: fc.anything() },
  { requiredKeys: [] },
);
const looseStacktrace = fc.oneof(fc.record({ frames: fc.array(fc.oneof(looseFrame, fc.anything()), { maxLength: 8 }) }), fc.anything());
const looseException = fc.record(
  { type: fc.oneof(fc.string(), fc.integer()), value: fc.oneof(fc.string(), fc.constant(null)), stacktrace: looseStacktrace, mechanism: fc.oneof(fc.record({ synthetic: fc.boolean(), exception_id: fc.integer({ min: 0, max: 3 }), parent_id: fc.integer({ min: 0, max: 3 }), is_exception_group: fc.boolean() }), fc.anything()) },
  { requiredKeys: [] },
);
const looseEvent = fc.record(
  {
    platform: fc.constantFrom('node', 'javascript', 'python', 'java', 'php', 'ruby', 'cocoa', 'csharp', 'other'),
    exception: fc.oneof(fc.record({ values: fc.array(looseException, { maxLength: 4 }) }), fc.array(looseException, { maxLength: 4 }), fc.anything()),
    threads: fc.oneof(fc.record({ values: fc.array(fc.record({ crashed: fc.boolean(), stacktrace: looseStacktrace }), { maxLength: 3 }) }), fc.anything()),
    message: fc.oneof(fc.string(), fc.record({ message: fc.anything(), formatted: fc.anything() })),
    logentry: fc.anything(),
    fingerprint: fc.oneof(fc.array(fc.oneof(fc.constant('{{ default }}'), fc.string(), fc.integer(), fc.anything()), { maxLength: 4 }), fc.anything()),
    tags: fc.anything(),
    transaction: fc.anything(),
    request: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('untrusted input', () => {
  it('always groups, titles and marks in-app without throwing', () => {
    fc.assert(
      fc.property(looseEvent, (event) => {
        const input = event as unknown as SentryEvent;
        const grouping = computeGrouping(input);
        expect(grouping.hashes.length).toBeGreaterThan(0);
        expect(grouping.hashes.every((hash) => /^[0-9a-f]{32}$/.test(hash))).toBe(true);
        expect(typeof eventTitle(input).title).toBe('string');
        applyInAppRules(input);
        expect(JSON.parse(JSON.stringify(grouping))).toEqual(grouping);
      }),
      { numRuns: 400 },
    );
  });

  it('gives an empty event a fallback hash of its title', () => {
    const grouping = computeGrouping({});
    expect(grouping.variants.at(-1)).toMatchObject({ name: 'fallback', contributes: true, explanation: { values: ['<unlabeled event>'] } });
    expect(grouping.hashes).toEqual([grouping.variants.at(-1)?.hash]);
  });

  it('parameterizes any string without throwing', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => typeof parameterize(text) === 'string'));
  });
});
