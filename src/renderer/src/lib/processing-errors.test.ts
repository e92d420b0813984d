import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../../shared/sentry';
import { MAX_LISTED, processingProblems } from './processing-errors';
import { unmappedFix } from './sourcemap-hints';

describe('processing problems', () => {
  it('lists event.errors in words with their type and what they recorded', () => {
    // Entries as Relay and Sentry write them: `type`, then `name` / `value` or a symbolicator's `message`.
    const event: SentryEvent = { errors: [
      { type: 'native_no_crashed_thread', message: 'The minidump (20 bytes) has no readable exception stream.' },
      { type: 'invalid_data', name: 'contexts.os', value: { name: 7 } },
      { type: 'made_up_by_an_sdk' },
      'not an object',
    ] };
    expect(processingProblems(event, false)).toEqual({ more: 0, problems: [
      { type: 'native_no_crashed_thread', message: 'No crashed thread found in the crash report',
        details: [['message', 'The minidump (20 bytes) has no readable exception stream.']] },
      { type: 'invalid_data', message: 'Discarded an invalid value', details: [['name', 'contexts.os'], ['value', '{"name":7}']] },
      { type: 'made_up_by_an_sdk', message: 'Unknown error', details: [] },
      { type: null, message: 'Unknown error', details: [['value', 'not an object']] },
    ] });
  });

  it("adds Lookout's own notes: frames a source map was not applied to, by reason, and an event stored cut", () => {
    const reason = 'no source map with debug id c941d8d1-7be5-4fa4-94a0-0a5f0d3e1b6a under the source roots';
    const frame = { filename: 'app:///dist/main.js', lineno: 1, colno: 200, data: { sourcemap_error: reason } };
    const event: SentryEvent = { exception: { values: [{ type: 'TypeError', stacktrace: { frames: [frame, { ...frame }, { filename: 'ok.js' }] } }] } };
    const { problems } = processingProblems(event, true);
    expect(problems.map((p) => [p.type, p.message])).toEqual([[null, 'A source map could not be applied'], [null, 'Stored cut to size']]);
    // An event stored before kinds were recorded: the kind is read off the reason, and the fix follows it.
    expect(problems[0]!.sourcemapKind).toBe('debug-id');
    expect(problems[0]!.details).toEqual([['reason', reason], ['frames', '2 left as the SDK sent them'], ['fix', unmappedFix('debug-id')]]);
    expect(processingProblems({}, false)).toEqual({ problems: [], more: 0 });
  });

  it('says how to fix a frame whose map could not be fetched from the dev server', () => {
    const reason = 'could not fetch source map http://127.0.0.1:5173/assets/app.js.map: HTTP 404';
    const frame = { abs_path: 'http://127.0.0.1:5173/assets/app.js', lineno: 1, colno: 9, data: { sourcemap_error: reason, sourcemap_error_kind: 'fetch-failed' } };
    const { problems } = processingProblems({ exception: { values: [{ type: 'Error', stacktrace: { frames: [frame] } }] } }, false);
    expect(problems[0]!.sourcemapKind).toBe('fetch-failed');
    expect(problems[0]!.details.find(([k]) => k === 'fix')?.[1]).toContain('dev server is running and serves the map next to the script');
  });

  it('lists at most a hundred entries, counts the rest, and cuts long values', () => {
    const errors = Array.from({ length: MAX_LISTED + 5 }, (_, i) => ({ type: 'value_too_long', name: `extra.k${i}`, value: 'x'.repeat(5000) }));
    const { problems, more } = processingProblems({ errors }, false);
    expect([problems.length, more]).toEqual([MAX_LISTED, 5]);
    expect(problems[0]!.details[1]![1]).toHaveLength(1001);
  });
});
