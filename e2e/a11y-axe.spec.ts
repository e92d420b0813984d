/**
 * Accessibility sweep: axe-core over every view of a Lookout filled by real SDKs, in the light and the
 * dark theme at 1280 and 800 px; any serious or critical violation fails. Each view also has one <main>,
 * one h1 and a title that names it. Then the reduced-motion setting, the narrow sidebar's project menu,
 * and the replay player by keyboard.
 * @see https://github.com/dequelabs/axe-core/blob/develop/doc/API.md
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { seedEverything, type SeededIds } from './helpers/a11y-seed';
import { startBrowserApp, type BrowserApp } from './helpers/browser-app/server';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Violations known and not fixed, each with why. Empty: none is accepted today. An entry is
 * `rule id → reason`, and only silences that rule on the views listed.
 */
const KNOWN: { rule: string; views: string[]; reason: string }[] = [];

interface Found { id: string; impact: string | null; targets: string[]; summary: string }

function views(ids: SeededIds): [name: string, hash: string, title: RegExp][] {
  return [
    ['issues', '#/issues', /^Issues — Lookout$/],
    ['issues of a project', `#/issues?project=${ids.projectId}`, /^Issues — .+ — Lookout$/],
    ['issue', `#/issues/${ids.issueId}`, /^\w+Error: Cannot read properties.* — .+ — Lookout$/],
    ['cron issue', `#/issues/${ids.cronIssueId}`, /nightly-report.* — Lookout$/],
    ['stream', '#/stream', /^Stream — Lookout$/],
    ['settings', '#/settings', /^Settings — Lookout$/],
    ['setup', '#/setup', /^Setup — Lookout$/],
    ['replays', '#/replays', /^Replays — Lookout$/],
    ['replay', `#/replays/${ids.replayId}`, new RegExp(`^Replay ${ids.replayId.slice(0, 8)} — Lookout$`)],
    ['traces', '#/traces', /^Traces — Lookout$/],
    ['trace', `#/traces/${ids.traceId}`, /^http\.server · GET \/checkout — Trace — Lookout$/],
    ['logs', '#/logs', /^Logs — Lookout$/],
    ['crons', '#/crons', /^Crons — Lookout$/],
    ['cron', `#/crons/${ids.projectId}/nightly-report`, /^nightly-report — Crons — .+ — Lookout$/],
    ['feedback', '#/feedback', /^User Feedback — Lookout$/],
    ['stats', '#/stats', /^Stats — Lookout$/],
    ['releases', '#/releases', /^Releases — Lookout$/],
    ['web vitals', '#/traces?view=vitals', /^Web Vitals — Lookout$/],
  ];
}

/** axe injected as a script: the page's CSP allows only its own scripts, so the sweep's contexts bypass it. */
async function axeViolations(page: Page): Promise<Found[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: {
      id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    // iframes: false — the one iframe is the replay's rebuilt page (the recorded app's markup, not Lookout's).
    const result = await axe.run(document, { resultTypes: ['violations'], iframes: false });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      summary: (v.nodes[0]?.failureSummary ?? '').split('\n').slice(1, 2).join('') }));
  });
}

/** Waits until the view has drawn what it loads (its h1 and no "Loading…"). */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('main h1')).toHaveCount(1);
  await expect(page.locator('main').getByText(/^Loading/)).toHaveCount(0);
}

let app: BrowserApp;
test.beforeAll(async () => { app = await startBrowserApp(); });
test.afterAll(async () => { await app.close(); });

test('every view passes axe (no serious or critical violation) in both themes at 1280 and 800 px, with one main, one h1 and its own title', async ({ server, browser }) => {
  test.setTimeout(420_000);
  const ids = await seedEverything(browser, app, server.url, server.dsn);
  const failures: string[] = [];
  let checked = 0;
  for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 800], ['dark', 800]] as const) {
    const context: BrowserContext = await browser.newContext({ viewport: { width, height: 860 }, colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    for (const [name, hash, title] of views(ids)) {
      await page.goto(`${server.url}/${hash}`);
      await settled(page);
      await expect.soft(page, `${name}: title`).toHaveTitle(title);
      expect.soft(await page.locator('main, [role="main"]').count(), `${name}: one main landmark`).toBe(1);
      for (const v of await axeViolations(page)) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        if (KNOWN.some((k) => k.rule === v.id && k.views.includes(name))) continue;
        failures.push(`${scheme} ${width}px ${name}: ${v.id} (${v.impact}) ${v.targets.join(' | ')} :: ${v.summary}`);
      }
      checked += 1;
    }
    await context.close();
  }
  expect(checked).toBe(72);
  expect(failures).toEqual([]);
});

test('with reduced motion nothing animates; without it the spinner spins', async ({ server, browser }) => {
  const spinning = async (reducedMotion: 'reduce' | 'no-preference'): Promise<number> => {
    const context = await browser.newContext({ reducedMotion });
    const page = await context.newPage();
    await page.goto(`${server.url}/#/issues`);
    await expect(page.locator('main h1')).toHaveText('Issues');
    // The app's own spinner class, as its loading states draw it.
    const running = await page.evaluate(() => {
      const spinner = document.createElement('span');
      spinner.className = 'spinner';
      document.querySelector('main')?.append(spinner);
      return document.getAnimations().filter((a) => a.playState === 'running').length;
    });
    await context.close();
    return running;
  };
  expect(await spinning('no-preference')).toBeGreaterThan(0);
  expect(await spinning('reduce')).toBe(0);
});

test('at 800 px the sidebar keeps the projects (switch, Copy DSN), Live and the shortcuts within reach', async ({ page, server }) => {
  await page.setViewportSize({ width: 800, height: 860 });
  await fetch(`${server.url}/api/7/envelope/?sentry_key=lookout`, {
    method: 'POST', body: [JSON.stringify({ event_id: 'a'.repeat(32) }), JSON.stringify({ type: 'event' }),
      JSON.stringify({ event_id: 'a'.repeat(32), platform: 'node', message: 'narrow sidebar check', level: 'error' })].join('\n') });
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('live-text')).toBeVisible();
  await expect(page.getByTestId('shortcuts-open')).toBeVisible();
  await expect(page.getByTestId('shortcuts-open')).toHaveAccessibleName(/Shortcuts/);
  const toggle = page.getByTestId('projects-toggle');
  await expect(page.getByTestId('project-list')).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const entry = page.getByTestId('project-item').first();
  await expect(entry).toBeVisible();
  await expect(entry.getByTestId('copy-dsn')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(entry.locator('.project-name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await entry.locator('.project-name').click();
  await expect(page).toHaveURL(/project=7/);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page).toHaveTitle(/^Issues — .+ — Lookout$/);
});

test('the replay player by keyboard: the page is no Tab stop, the slider is one, then Play; → moves one second', async ({ server, browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const shop = await context.newPage();
  const { watchReplayTraffic } = await import('./helpers/browser-app/replay-traffic');
  const traffic = await watchReplayTraffic(shop, new URL(server.url).origin);
  await shop.goto(app.pageUrl(server.dsn));
  await expect.poll(() => traffic.segments.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await shop.locator('#name').pressSequentially('Ada Lovelace');
  await expect.poll(() => traffic.segments.some((s) => s.text.includes('Ada Lovelace')), { timeout: 30_000 }).toBe(true);
  const ui = await context.newPage();
  await ui.goto(`${server.url}/#/replays`);
  const link = ui.getByTestId('replay-link').first();
  await expect(link).toHaveAccessibleName(/^Replay of .+, \d+:\d\d, started .+$/);
  await link.click();
  const slider = ui.getByTestId('replay-timeline');
  await expect(slider).toHaveAttribute('aria-valuemax', /\d+/);
  await expect(ui.locator('.replay-host iframe')).toHaveAttribute('title', /Recorded page/);
  await slider.focus();
  await ui.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  await ui.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', String(Math.min(1000, Number(await slider.getAttribute('aria-valuemax')))));
  await ui.keyboard.press('Tab');
  await expect(ui.getByTestId('replay-play')).toBeFocused();
  // Backwards from the slider leaves the player: the recorded page's inputs are never reached.
  await slider.focus();
  await ui.keyboard.press('Shift+Tab');
  expect(await ui.evaluate(() => document.activeElement?.closest('.replay-stage') ?? null)).toBeNull();
  await context.close();
});
