import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer } from './server';

test('a corrupt database is moved aside, a fresh one started, and the UI says so', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lookout-corrupt-'));
  writeFileSync(join(dataDir, 'lookout.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xab)]));
  const server = await startServer({ dataDir });
  try {
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('lookout.db.corrupt-'));
    expect(aside).toHaveLength(1);
    await page.goto(`${server.url}/#/issues`);
    const banner = page.getByTestId('notices');
    await expect(banner).toContainText('corrupt');
    await expect(banner).toContainText(aside[0]!);
    // The fresh database takes events.
    const res = await fetch(`${server.url}/api/1/envelope/`, { method: 'POST', body: '{}\n{"type":"event"}\n{"message":"after the move"}' });
    expect(res.status).toBe(200);
  } finally {
    await server.stop();
  }
});
