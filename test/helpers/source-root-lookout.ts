import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Sentry from '@sentry/node';
import type { ErrorEvent } from '@sentry/node';
import { afterAll, beforeAll } from 'vitest';
import { startTestLookout, type TestLookout } from './lookout';

/**
 * Around a test file: a Lookout serving a fresh temporary folder as its source root, and @sentry/node
 * (context lines only, `beforeSend` applied) sending to it; `ready` gets both once started.
 */
export function useSourceRootLookout(prefix: string, beforeSend: (event: ErrorEvent) => ErrorEvent,
  ready: (dir: string, lookout: TestLookout) => void): void {
  let dir = '';
  let lookout: TestLookout | null = null;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
    lookout = await startTestLookout({ sourceRoots: [dir] });
    Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false, integrations: [Sentry.contextLinesIntegration()], beforeSend });
    ready(dir, lookout);
  });
  afterAll(async () => {
    await Sentry.close();
    await lookout?.stopAndClean();
    await rm(dir, { recursive: true, force: true });
  });
}
