import { describe, expect, it } from 'vitest';
import { chainedExceptionLabel, CAUSED_BY_LABEL, CHAINED_LABEL, PY_CAUSE_LABEL, PY_CONTEXT_LABEL } from './exception-chain';

describe('chainedExceptionLabel', () => {
  it("reads sentry-python 2.x's mechanism.source: explicit cause and implicit context differ", () => {
    expect(chainedExceptionLabel({ type: 'chained', source: '__cause__', exception_id: 1, parent_id: 0 }, 'python')).toBe(PY_CAUSE_LABEL);
    expect(chainedExceptionLabel({ type: 'chained', source: '__context__', exception_id: 1, parent_id: 0 }, 'python')).toBe(PY_CONTEXT_LABEL);
    expect(PY_CONTEXT_LABEL).toMatch(/^During handling of the exception below/);
  });

  it('says "Caused by" only where the SDK follows a cause', () => {
    expect(chainedExceptionLabel({ source: 'cause' }, 'javascript')).toBe(CAUSED_BY_LABEL);
    expect(chainedExceptionLabel(undefined, 'java')).toBe(CAUSED_BY_LABEL);
    expect(chainedExceptionLabel({ type: 'chained' }, 'node')).toBe(CAUSED_BY_LABEL);
  });

  it('stays neutral for Python 1.x (no source), Go and junk', () => {
    expect(chainedExceptionLabel(null, 'python')).toBe(CHAINED_LABEL);
    expect(chainedExceptionLabel({}, 'go')).toBe(CHAINED_LABEL);
    expect(chainedExceptionLabel('x', 42)).toBe(CHAINED_LABEL);
    expect(chainedExceptionLabel({ source: 'errors[1]' }, 'javascript')).toBe(CHAINED_LABEL);
  });
});
