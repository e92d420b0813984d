import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { watchReplayTraffic, type ReplayTraffic } from '../browser-app/replay-traffic';
import type { PanelsApp } from './server';

/** The shop page in a fresh 900 × 600 context, sending to `server`, once its first replay segment has gone out. */
export async function openShop(browser: Browser, app: PanelsApp, server: { url: string; dsn: string }):
  Promise<{ context: BrowserContext; shop: Page; traffic: ReplayTraffic }> {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  const shop = await context.newPage();
  const traffic = await watchReplayTraffic(shop, new URL(server.url).origin);
  await shop.goto(app.pageUrl(server.dsn));
  await expect.poll(() => traffic.segments.length, { timeout: 30_000 }).toBeGreaterThan(0);
  return { context, shop, traffic };
}
