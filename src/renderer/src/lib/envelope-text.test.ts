import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitEnvelope } from './envelope-text';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/protocol/spotlight', import.meta.url));

describe('raw envelope display', () => {
  it('shows a real JS envelope as text parts', () => {
    const parts = splitEnvelope(readFileSync(`${corpus}/envelope_javascript.txt`));
    expect(parts.every((p) => p.kind === 'text')).toBe(true);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts[0]?.kind === 'text' && JSON.parse(parts[0].text)).toHaveProperty('event_id');
  });

  it('replaces a binary attachment by a size note and keeps going', () => {
    const parts = splitEnvelope(readFileSync(`${corpus}/attachments_envelope_with_image.txt`));
    const binary = parts.filter((p) => p.kind === 'binary');
    expect(binary.length).toBeGreaterThan(0);
    expect(binary[0]?.kind === 'binary' && binary[0].size).toBeGreaterThan(100);
  });

  it('does not crash on a mangled length that runs past the end', () => {
    const parts = splitEnvelope(readFileSync(`${corpus}/envelope_flutter_replay.bin`));
    expect(parts.length).toBeGreaterThan(1);
  });

  it('handles empty and header-only input', () => {
    expect(splitEnvelope(new Uint8Array())).toEqual([{ kind: 'text', text: '' }]);
    expect(splitEnvelope(new TextEncoder().encode('{}\n'))).toEqual([{ kind: 'text', text: '{}' }]);
  });
});
