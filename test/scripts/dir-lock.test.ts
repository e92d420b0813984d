import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { withDirLock } from '../../scripts/dir-lock.mjs';

const dir = mkdtempSync(join(tmpdir(), 'lookout-dir-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LOCK_MODULE = pathToFileURL(resolve(__dirname, '../../scripts/dir-lock.mjs')).href;

/** A process that holds the lock for `holdMs`, writing when it enters and leaves. */
function holder(name: string, lock: string, log: string, holdMs: number): Promise<number | null> {
  const code = `import { appendFileSync } from 'node:fs';
    import { withDirLock } from ${JSON.stringify(LOCK_MODULE)};
    withDirLock(${JSON.stringify(lock)}, () => {
      appendFileSync(${JSON.stringify(log)}, 'enter ${name}\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
      appendFileSync(${JSON.stringify(log)}, 'leave ${name}\\n');
    }, { pollMs: 10 });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' });
  return new Promise((r) => child.on('exit', r));
}

describe('withDirLock', () => {
  it('lets one process at a time in: four at once never overlap', async () => {
    const lock = join(dir, 'a.lock');
    const log = join(dir, 'a.log');
    const codes = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((n) => holder(n, lock, log, 150)));
    expect(codes).toEqual([0, 0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(8);
    for (let i = 0; i < 8; i += 2) expect(lines[i + 1]).toBe(lines[i]!.replace('enter', 'leave'));
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a killed process once it is older than staleMs', () => {
    const lock = join(dir, 'b.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(withDirLock(lock, () => 'ran', { staleMs: 30_000 })).toBe('ran');
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the work throws', () => {
    const lock = join(dir, 'c.lock');
    expect(() => withDirLock(lock, () => { throw new Error('build failed'); })).toThrow('build failed');
    expect(existsSync(lock)).toBe(false);
    expect(withDirLock(lock, () => 1)).toBe(1);
  });
});
