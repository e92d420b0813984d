import { existsSync } from 'node:fs';

/** Debian's Chromium when installed (CI and this machine); otherwise Playwright's bundled browser. */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.LOOKOUT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}
