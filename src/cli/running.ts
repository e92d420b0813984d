import { lookoutServing } from '../core/data-dir-guard';

/** Refuses to rewrite a data dir that a live `lookout serve` (or the app) is using; `instead` says what else works. */
export async function assertNotRunning(dataDir: string, instead = ''): Promise<void> {
  const serving = await lookoutServing(dataDir);
  if (!serving) return;
  throw new Error(`Lookout is running on this data dir (pid ${serving.pid}, ${serving.url}); stop it first${instead ? `, or ${instead}` : ''}.`);
}
