import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The prepare worker built next to the calling bundle (out/cli, out/main), or undefined when
 * running from source (tests), where requests are then prepared on the main thread.
 */
export function builtPrepareWorker(bundleUrl: string): string | undefined {
  if (!bundleUrl.endsWith('.js')) return undefined;
  const file = fileURLToPath(new URL('./prepare-worker.js', bundleUrl));
  return existsSync(file) ? file : undefined;
}
