import { describe, expect, it } from 'vitest';
import type { TraceError } from '../../../shared/api-types';
import { moreTraceErrorsText, otherTraceErrors, traceErrorCountText } from './trace-error-count';

const error = (eventId: string): TraceError => ({ eventId, issueId: 1, projectId: 1, title: 'E', level: 'error', timestamp: 0, spanId: null });
const listed = Array.from({ length: 500 }, (_, i) => error(`e${i}`));

describe('trace error counts', () => {
  it('counts the errors past the 500 listed, and says "10,000+" past the counting cap', () => {
    expect(otherTraceErrors({ errors: listed, errorCount: 1_400 }, 'e3', true)).toBe(1_399);
    expect(otherTraceErrors({ errors: listed, errorCount: 1_400 }, 'not-listed', true)).toBe(1_399);
    expect(otherTraceErrors({ errors: listed, errorCount: 1_400 }, 'a-transaction', false)).toBe(1_400);
    expect(otherTraceErrors({ errors: [error('a')], errorCount: 1 }, 'a', true)).toBe(0);
    expect(traceErrorCountText(otherTraceErrors({ errors: listed, errorCount: 10_001 }, 'e3', true))).toBe('10,000+');
    expect(traceErrorCountText(1_399)).toBe('1,399');
    expect(moreTraceErrorsText(10_001, 200)).toBe('9,800+');
    expect(moreTraceErrorsText(500, 200)).toBe('300');
  });
});
