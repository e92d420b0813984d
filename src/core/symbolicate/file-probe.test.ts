import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probe, probeSync } from './file-probe';

describe('file probes', () => {
  it('tells files, folders and missing paths apart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'probe-'));
    writeFileSync(path.join(dir, 'a.js'), 'x');
    expect(await probe(path.join(dir, 'a.js'))).toBe('file');
    expect(probeSync(dir)).toBe('dir');
    expect(await probe(path.join(dir, 'nope.js'))).toBe('missing');
  });

  it('reuses a recent answer only when asked to, and asks the disk again otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'probe-'));
    const file = path.join(dir, 'later.js');
    expect(await probe(file, true)).toBe('missing');
    writeFileSync(file, 'built');
    expect(await probe(file, true)).toBe('missing'); // the ingest path keeps its answer for a moment
    expect(await probe(file)).toBe('file'); // view time sees the new file at once
    expect(await probe(file, true)).toBe('file'); // and that fresh answer is what ingest reuses now
    mkdirSync(path.join(dir, 'sub'));
    expect(probeSync(path.join(dir, 'sub'), true)).toBe('dir');
  });
});
