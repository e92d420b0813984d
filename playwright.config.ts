import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './e2e/browser';

/**
 * Specs run against `lookout serve` (a fresh data dir per test, see e2e/fixtures.ts) in
 * Chromium: Debian's /usr/bin/chromium when present, else Playwright's own browser.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // CI machines are shared and noisy: one retry, and Playwright still lists any test it needed as "flaky".
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    trace: 'retain-on-failure',
  },
});
