import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import { checkInBackground, checkedStamp, damageMarker } from './integrity';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A closed store whose `settings` table spans many pages (rows of 3 KB). */
function storeWithPages(): { dir: string; file: string; pageSize: number; pages: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-integrity-'));
  dirs.push(dir);
  const { db } = openDatabase(dir);
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => { for (let i = 0; i < 400; i++) insert.run(`k${String(i).padStart(4, '0')}`, 'v'.repeat(3000)); })();
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.close();
  return { dir, file: path.join(dir, 'lookout.db'), pageSize, pages };
}

function damagePage(file: string, pageSize: number, page: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('start-up integrity check of a large store', () => {
  it('opens after reading the roots, finds inner damage in the background, and the next start moves the file aside', async () => {
    const { dir, file, pageSize, pages } = storeWithPages();
    damagePage(file, pageSize, pages - 5); // a leaf in the middle of the settings table, not on the path to its first row
    const first = openDatabase(dir, { fullCheckMaxBytes: 0 });
    expect([first.checkedWhole, first.notices]).toEqual([false, []]);
    const found = await new Promise<string>((resolve) => { checkInBackground(file, { delayMs: 0, onDamage: resolve }); });
    expect(found).not.toBe('ok');
    expect(existsSync(damageMarker(file))).toBe(true);
    first.db.close();

    const second = openDatabase(dir, { fullCheckMaxBytes: 0 });
    expect(second.checkedWhole).toBe(true);
    expect(second.notices[0]).toMatch(/corrupt.*fresh one started/);
    expect(readdirSync(dir).some((f) => f.startsWith('lookout.db.corrupt-'))).toBe(true);
    expect(existsSync(damageMarker(file))).toBe(false);
    second.db.close();
  });

  it('still refuses a file whose tables cannot be read at all', () => {
    const { dir, file, pageSize } = storeWithPages();
    for (let page = 2; page <= 40; page++) damagePage(file, pageSize, page);
    const opened = openDatabase(dir, { fullCheckMaxBytes: 0 });
    expect(opened.notices[0]).toMatch(/corrupt.*fresh one started/);
    opened.db.close();
  });

  it('reports nothing for a sound store', async () => {
    const { dir, file } = storeWithPages();
    const opened = openDatabase(dir, { fullCheckMaxBytes: 0 });
    let damage: string | null = null;
    const answer = await new Promise<string>((resolve) => {
      checkInBackground(file, { delayMs: 0, onDamage: (d) => { damage = d; }, onAnswer: resolve });
    });
    expect([answer, damage, existsSync(damageMarker(file))]).toEqual(['ok', null, false]);
    opened.db.close();
  });

  it('reads a sound store whole at most once a day: the next start skips the check, a day later it runs again', async () => {
    const { dir, file } = storeWithPages();
    const opened = openDatabase(dir, { fullCheckMaxBytes: 0 });
    const check = () => new Promise<string>((resolve) => {
      checkInBackground(file, { delayMs: 0, onDamage: () => undefined, onAnswer: resolve, onSkipped: () => resolve('skipped') });
    });
    expect(await check()).toBe('ok');
    expect(existsSync(checkedStamp(file))).toBe(true);
    expect(await check()).toBe('skipped');
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    utimesSync(checkedStamp(file), dayAgo, dayAgo);
    expect(await check()).toBe('ok');
    opened.db.close();
  });

  it('forgets that the old file was sound when a corrupt one is moved aside', () => {
    const { dir, file, pageSize } = storeWithPages();
    writeFileSync(checkedStamp(file), 'earlier\n');
    for (let page = 2; page <= 40; page++) damagePage(file, pageSize, page);
    const opened = openDatabase(dir, { fullCheckMaxBytes: 0 });
    expect(opened.notices[0]).toMatch(/corrupt.*fresh one started/);
    expect(existsSync(checkedStamp(file))).toBe(false);
    opened.db.close();
  });
});
