import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLookout, type LookoutApp } from '../core/app';
import { openInEditorViaCore } from './core-editor';

describe('openInEditorViaCore against a real core server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lookout-core-editor-'));
  let core: LookoutApp;

  beforeAll(async () => {
    core = await startLookout({ dataDir, port: 0, host: '127.0.0.1', log: () => {} });
  });

  afterAll(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('passes the core’s refusal through (main’s request is not mistaken for a cross-site one)', async () => {
    const missing = join(dataDir, 'no-such-file.ts');
    const result = await openInEditorViaCore(core.url, missing, 3, 1);
    expect(result.ok).toBe(false);
    expect(result).toHaveProperty('error', expect.stringContaining(missing));
    expect(result).not.toHaveProperty('error', expect.stringMatching(/cross-origin/));
  });

  it('reports a server that is gone', async () => {
    const result = await openInEditorViaCore('http://127.0.0.1:1', '/x.ts', 1, 1);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/did not answer/) });
  });
});
