import { describe, expect, it } from 'vitest';
import { describePayload, MAX_ITEM_TEXT } from './item-queries';
import { jsonDepthExceeds } from '../ingest/json-depth';
import { likePattern } from './log-queries';
import { readAttributes } from '../ingest/telemetry-attributes';
import { traceIdForms } from './trace-id';

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('item payloads for the read API', () => {
  it('parses JSON, keeps text, describes binary bytes', () => {
    expect(describePayload(Buffer.from('{"items":[{"body":"hi"}]}'))).toEqual({ payload: { items: [{ body: 'hi' }] }, note: null });
    expect(describePayload(Buffer.from('plain text, not JSON'))).toEqual({ text: 'plain text, not JSON', note: null });
    expect(describePayload(Buffer.from([0x78, 0x9c, 0x00, 0xff, 0x10]))).toEqual({ note: 'binary payload, 5 bytes' });
    expect(describePayload(Buffer.from([0xc3, 0x28, 0x41]))).toEqual({ note: 'binary payload, 3 bytes' });
    expect(describePayload(Buffer.alloc(0))).toEqual({ note: 'empty payload' });
  });

  it('shows JSON nested 100,000 deep as text instead of a value that would overflow the stack', () => {
    const out = describePayload(Buffer.from(deep(100_000)));
    expect(out.payload).toBeUndefined();
    expect(out.text).toHaveLength(200_000);
    expect(out.note).toBe('JSON nested deeper than 100 levels, shown as text');
  });

  it('cuts a payload over 1 MiB to its first MiB, even mid-character', () => {
    const big = Buffer.concat([Buffer.from('a'.repeat(MAX_ITEM_TEXT - 1)), Buffer.from('é'.repeat(1000))]);
    const out = describePayload(big);
    expect(out.note).toBe(`showing the first 1 MiB of ${big.length.toLocaleString('en')} bytes`);
    expect(Buffer.byteLength(out.text ?? '')).toBeLessThanOrEqual(MAX_ITEM_TEXT + 2);
  });

  it('measures depth without recursion', () => {
    expect(jsonDepthExceeds(JSON.parse(deep(300_000)), 100)).toBe(true);
    expect(jsonDepthExceeds({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
  });
});

describe('attributes, search patterns and trace ids', () => {
  it('flattens typed attributes and never passes on deep, cut or huge text', () => {
    expect(readAttributes('{"ms":{"value":300,"type":"integer"},"plain":"x","obj":{"a":1}}')).toEqual({ ms: 300, plain: 'x', obj: { a: 1 } });
    expect(readAttributes(`{"x":${deep(5000)}}`)).toEqual({ '…': 'attributes nested deeper than 32 levels, not shown' });
    expect(readAttributes('{"x": "cut when sto')).toEqual({ '…': 'attributes were cut when stored and are not valid JSON' });
    expect(Object.keys(readAttributes(`{"x":"${'y'.repeat(70_000)}"}`))).toEqual(['…']);
    expect(readAttributes(null)).toEqual({});
    expect(readAttributes('[1,2]')).toEqual({ value: [1, 2] });
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it('accepts trace ids in lower, upper and hyphenated form only', () => {
    expect(traceIdForms('0123456789ABCDEF0123456789abcdef')).toEqual(['0123456789abcdef0123456789abcdef', '0123456789ABCDEF0123456789abcdef']);
    expect(traceIdForms('01234567-89ab-cdef-0123-456789abcdef')?.[0]).toBe('0123456789abcdef0123456789abcdef');
    expect(traceIdForms('xyz')).toBeNull();
    expect(traceIdForms('0123456789abcdef0123456789abcdef00')).toBeNull();
  });
});
