import { test as base } from '@playwright/test';
import { startServer, type RunningServer } from './server';

/** Every test gets its own `lookout serve` on a fresh data directory. */
export const test = base.extend<{ server: RunningServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
});

export { expect } from '@playwright/test';
