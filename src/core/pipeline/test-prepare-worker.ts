import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll } from 'vitest';
import type { RequestInput } from './prepare-request';

const ROOT = path.resolve(__dirname, '../../..');
/** The Spotlight corpus of real SDK envelopes (../shared beside the project). */
export const CORPUS = path.resolve(ROOT, '../shared/corpus/protocol/spotlight');

/**
 * Bundles prepare-worker.ts before the file's tests into `name` under node_modules/.cache (inside
 * the repo, so the worker resolves source-map & co. from node_modules like the real build); returns
 * the bundle's path for a PreparePool's `workerFile`.
 */
export function useBuiltPrepareWorker(name: string): string {
  const file = path.join(ROOT, 'node_modules/.cache/lookout-test', name);
  beforeAll(async () => {
    await build({ entryPoints: [path.join(__dirname, 'prepare-worker.ts')], bundle: true, platform: 'node', format: 'esm',
      packages: 'external', outfile: file, logLevel: 'silent' });
  }, 60_000);
  return file;
}

/** A request as the ingest route hands it over: an envelope (or a store body) for project 1. */
export const requestInput = (body: Buffer, route: RequestInput['route'] = 'envelope'): RequestInput => ({
  route, body, contentType: route === 'store' ? 'application/json' : 'application/x-sentry-envelope', received: 1_700_000_000_000, urlProjectId: '1',
});
