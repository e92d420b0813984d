import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { hasPythonSdk, NO_PYTHON_SDK, PYTHON } from './helpers/python-sdk';
import { run } from './helpers/sentry-node-traces';

/**
 * Event text shown safely (a reviewer's payloads, sent by real SDKs): a bidi override in an exception's
 * type cannot make the title read backwards ("Trojan Source"), secrets in titles, tags, breadcrumbs,
 * request URLs and log bodies are masked on screen as the bug report scrubs them (each with "show"),
 * and a lone surrogate reads the same in the title as in the exception's value.
 */

/** The reviewer's exception type: U+202E (RIGHT-TO-LEFT OVERRIDE), a zero-width space, a joiner, an emoji, a BOM. */
const SPOOF_TYPE = 'SpoofError\u202eRTL\u200b\u200dzero\u{1F600}emoji\ufeff';

async function throwSpoofed(dsn: string): Promise<void> {
  await run(`import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, defaultIntegrations: false });
class Spoof extends Error {}
const err = new Spoof('invoice\\u202eexe.live opened');
err.name = ${JSON.stringify(SPOOF_TYPE)};
Sentry.captureException(err);
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write('{}');
`);
}

/** Left edges of each character of `word` in the first text node under `root` holding it, in reading order. */
async function charLefts(root: Locator, word: string): Promise<number[]> {
  return root.evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(w);
      if (at === -1) continue;
      return [...w].map((_, i) => {
        const range = document.createRange();
        range.setStart(node, at + i);
        range.setEnd(node, at + i + 1);
        return range.getBoundingClientRect().left;
      });
    }
    return [];
  }, word);
}

/** The characters after the override are drawn left to right, in the order they were written. */
async function expectWrittenOrder(root: Locator, word: string): Promise<void> {
  await expect(root).toContainText('<U+202E>');
  const lefts = await charLefts(root, word);
  expect(lefts, `${word} in ${await root.textContent()}`).toHaveLength(word.length);
  for (let i = 1; i < lefts.length; i++) expect(lefts[i]!, `${word}[${i}] right of ${word}[${i - 1}]`).toBeGreaterThan(lefts[i - 1]!);
}

test('a bidi override in an exception type cannot reverse the title in the list, the header or the event', async ({ page, server }) => {
  await throwSpoofed(server.dsn);
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}/#/issues`);
    const title = page.getByTestId('issue-title').filter({ hasText: 'SpoofError' });
    await expect(title).toHaveText('SpoofError<U+202E>RTL<U+200B>\u200dzero\u{1F600}emoji<U+FEFF>invoice<U+202E>exe.live opened');
    await expectWrittenOrder(title, 'RTL');
    await expectWrittenOrder(title, 'exe.live');
  }
  await page.getByTestId('issue-title').filter({ hasText: 'SpoofError' }).click();
  await expectWrittenOrder(page.getByTestId('issue-detail-title'), 'exe.live');
  await expectWrittenOrder(page.getByTestId('event-title'), 'exe.live');
  await expectWrittenOrder(page.getByTestId('exception-type'), 'RTL');
  await expectWrittenOrder(page.getByTestId('exception-value'), 'exe.live');
  // The heading's text is its own bidi paragraph: the level badge before it stays on the left.
  const badge = await page.locator('.event-title-row .badge, .event-title-row [class*="level"]').first().boundingBox();
  const heading = await page.getByTestId('event-title').boundingBox();
  expect(badge && heading && badge.x < heading.x).toBe(true);
});

const SECRETS = ['PGPASS_S3CRET', 'SIGJWTSECRET', 'QS_TOKEN_SECRET', 'CONSOLE_PW_SECRET', 'LOG_SESSION_SECRET'];

async function sendSecrets(dsn: string): Promise<void> {
  await run(`import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, defaultIntegrations: false, enableLogs: true,
  beforeSend(event) { event.request = { url: 'https://shop.example/cb?token=QS_TOKEN_SECRET&code=OAUTHCODE123', method: 'GET' }; return event; } });
Sentry.setTag('url', 'https://shop.example/cb?token=QS_TOKEN_SECRET&code=OAUTHCODE123');
Sentry.addBreadcrumb({ category: 'console', message: 'logged in with password=CONSOLE_PW_SECRET' });
Sentry.logger.info('login ok session=LOG_SESSION_SECRET for c-9');
Sentry.captureException(new Error('connect failed postgres://admin:PGPASS_S3CRET@db.internal:5432/app with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SIGJWTSECRET'));
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write('{}');
`);
}

async function expectNoSecret(where: Locator): Promise<void> {
  const text = (await where.allTextContents()).join('\n');
  for (const secret of SECRETS) expect(text.includes(secret), `${secret} shown`).toBe(false);
}

async function showAndHide(scope: Locator, secret: string): Promise<void> {
  await expect(scope).not.toContainText(secret);
  await scope.getByTestId('masked-toggle').first().click();
  await expect(scope).toContainText(secret);
  await scope.getByTestId('masked-toggle').first().click();
  await expect(scope).not.toContainText(secret);
}

test('secrets in titles, tags, breadcrumbs, request URLs and log bodies are masked on screen, each can be shown', async ({ page, server }) => {
  await sendSecrets(server.dsn);
  await page.goto(`${server.url}/#/issues`);
  const row = page.getByTestId('issue-row').filter({ hasText: 'connect failed' });
  await expect(row.getByTestId('issue-title')).toContainText('postgres://admin:[Filtered]@db.internal:5432/app with Bearer [Filtered]');
  await expectNoSecret(page.getByTestId('issue-row'));
  // The search still reads the stored text.
  await page.getByTestId('search-input').fill('PGPASS_S3CRET');
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
  await expect(row).toBeVisible();

  await row.getByTestId('issue-title').click();
  await expect(page.getByTestId('exception-value')).toContainText('[Filtered]');
  await expectNoSecret(page.locator('main'));
  await showAndHide(page.getByTestId('issue-detail-title'), 'PGPASS_S3CRET');
  await showAndHide(page.getByTestId('event-title'), 'PGPASS_S3CRET');
  await showAndHide(page.getByTestId('exception').first().getByTestId('masked-value'), 'SIGJWTSECRET');
  await showAndHide(page.getByTestId('request-line'), 'QS_TOKEN_SECRET');
  const crumb = page.getByTestId('breadcrumb').filter({ hasText: 'logged in with' });
  await expect(crumb).toContainText('password=[Filtered]');
  await showAndHide(crumb, 'CONSOLE_PW_SECRET');
  await expect(page.getByTestId('event-tag').filter({ hasText: 'url' })).toContainText('token=[Filtered]&code=OAUTHCODE123');
  await expect(page.getByTestId('tag-value').filter({ hasText: 'shop.example' })).toContainText('token=[Filtered]');

  await page.goto(`${server.url}/#/logs`);
  const log = page.getByTestId('log-body').filter({ hasText: 'login ok' });
  await expect(log).toContainText('session=[Filtered] for c-9');
  await log.click();
  const full = page.locator('.log-full-body').first();
  await expect(full).toContainText('session=[Filtered]');
  await showAndHide(page.locator('[data-testid="masked-value"]').filter({ has: full }), 'LOG_SESSION_SECRET');
});

test('a lone surrogate from sentry-python reads the same in the issue title as in the exception value', async ({ page, server }) => {
  test.skip(!hasPythonSdk, NO_PYTHON_SDK);
  const dir = mkdtempSync(join(tmpdir(), 'lookout-surrogate-'));
  try {
    // The reviewer's script: Python escapes the lone surrogate as `\udcff` in the event's JSON.
    const app = join(dir, 'surrogate.py');
    writeFileSync(app, `import sys, sentry_sdk
sentry_sdk.init(dsn=sys.argv[1], default_integrations=False)
try:
    raise ValueError("PY-SDK nul \\udcff bad")
except Exception:
    sentry_sdk.capture_exception()
sentry_sdk.flush(10)
`);
    const sent = spawnSync(PYTHON, [app, server.dsn], { encoding: 'utf8', timeout: 30_000 });
    expect(sent.status, sent.stderr).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.goto(`${server.url}/#/issues`);
  const title = page.getByTestId('issue-title').filter({ hasText: 'PY-SDK' });
  await expect(title).toContainText('PY-SDK nul \ufffd bad');
  await title.click();
  // The value is the event's JSON, parsed: the lone surrogate itself, which the browser draws as one U+FFFD.
  const value = await page.getByTestId('exception-value').evaluate((el) => (el.textContent ?? '').replace(/[\ud800-\udfff]/g, '\ufffd'));
  expect(value).toBe('PY-SDK nul \ufffd bad');
  await expect(page.getByTestId('issue-detail-title')).toHaveText('ValueError: PY-SDK nul \ufffd bad');
});
