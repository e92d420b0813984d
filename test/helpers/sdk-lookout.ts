import * as Sentry from '@sentry/node';
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';
import type { DB } from '../../src/core/store/db';
import { startTestLookout, type TestLookout } from './lookout';

/** Real call sites for grouping tests: each function throws from its own line (test/fixtures/app/thrower.cjs). */
export const thrower = createRequire(import.meta.url)('../fixtures/app/thrower.cjs') as {
  chargeCard(n: number | string): never; loadProfile(n: number | string): never;
};

/**
 * A Lookout for the test file, with the real @sentry/node SDK (global init) sending to it and its
 * store open for checks; read `lookout` and `db` inside tests (they exist once `beforeAll` ran).
 */
export function lookoutForSdk(): { readonly lookout: TestLookout; readonly db: DB } {
  const ctx = {} as { lookout: TestLookout; db: DB };
  beforeAll(async () => {
    ctx.lookout = await startTestLookout({ onDatabase: (d) => { ctx.db = d; } });
    Sentry.init({ dsn: ctx.lookout.dsn, defaultIntegrations: false });
  });
  afterAll(async () => { await Sentry.close(2000); await ctx.lookout.stopAndClean(); });
  return ctx;
}
