import { openDatabase } from '../core/store/db';
import { regroupAll } from '../core/store/regroup';
import { flag, parseArgs } from './args';
import { assertStoreExists, resolveDataDir } from './data-dir';
import { assertNotRunning } from './running';

/** `lookout regroup`: recompute every issue with the current grouping algorithm. */
export async function regroupCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { 'data-dir': 'value' }, 0);
  const dataDir = resolveDataDir(flag(args, 'data-dir'));
  assertStoreExists(dataDir);
  await assertNotRunning(dataDir);
  const { db } = openDatabase(dataDir);
  try {
    const summary = regroupAll(db, (done, total) => process.stderr.write(`\rregrouping ${done}/${total} events`));
    process.stderr.write('\n');
    process.stdout.write(`Regrouped ${summary.events} events: ${summary.issuesBefore} issues before, ${summary.issuesAfter} after ` +
      `(${summary.kept} kept their id, ${summary.created} new).\n`);
    return 0;
  } finally {
    db.close();
  }
}
