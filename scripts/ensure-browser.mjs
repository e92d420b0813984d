#!/usr/bin/env node
/**
 * The e2e specs need a Chromium: Debian's /usr/bin/chromium (CI installs it) or
 * LOOKOUT_CHROMIUM when set; otherwise Playwright's own, installed here on first use.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const system = [process.env.LOOKOUT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (system) process.exit(0);
let bundled = '';
try { bundled = chromium.executablePath(); } catch { /* not installed */ }
if (bundled && existsSync(bundled)) process.exit(0);
console.log('[e2e] no system Chromium found: installing Playwright\'s Chromium (npx playwright install chromium)…');
const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
