import { existsSync, readFileSync, statSync } from 'node:fs';
import { openDatabase } from '../core/store/db';
import { planWriter } from '../core/store/plan-writer';
import { mergeInJobs } from '../core/store/merge-jobs';
import { importBundle, storedAttachmentOf, storedIssueOf, storedSegmentsOf } from '../core/report/import-bundle';
import { storedTraceOf } from '../core/report/import-trace';
import { ingestSymbolicator } from '../core/pipeline/ingest-symbolicator';
import { configuredRoots } from '../core/api/source-scope';
import { importSentence } from '../shared/import-summary';
import { flag, parseArgs, UsageError } from './args';
import { resolveDataDir } from './data-dir';
import { assertNotRunning } from './running';

/** `lookout import FILE [--data-dir D]`: loads an exported JSON bundle into this Lookout. */
export async function importCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { 'data-dir': 'value' }, 1);
  const file = args.positional[0];
  if (!file) throw new UsageError('lookout import needs a bundle file');
  // A mistyped path is said first: being told to stop the server, only to learn then that the file is missing, costs a round trip.
  if (!existsSync(file)) throw new UsageError(`${file}: no such file (pass the bundle a report export wrote, lookout-issue-N.json)`);
  const dataDir = resolveDataDir(flag(args, 'data-dir'));
  await assertNotRunning(dataDir, 'drop the bundle onto its window (it imports it there)');
  const { db } = openDatabase(dataDir);
  try {
    const write = planWriter(db);
    const summary = await importBundle(readBundleFile(file), {
      commit: async (plan) => db.transaction(() => write(plan))(),
      storedIssue: storedIssueOf(db),
      storedSegments: storedSegmentsOf(db), storedAttachment: storedAttachmentOf(db), storedTrace: storedTraceOf(db),
      symbolicate: ingestSymbolicator(configuredRoots(db, [])),
      merge: (ids) => mergeInJobs(db, async (run) => db.transaction(run)(), ids),
    });
    process.stdout.write(`${importSentence(summary)}\n`);
    return 0;
  } finally {
    db.close();
  }
}


/** The bundle's bytes; a folder is named as such (Node says only "illegal operation on a directory, read"). */
function readBundleFile(file: string): Buffer {
  if (statSync(file).isDirectory()) throw new UsageError(`${file} is a folder: pass the bundle file (lookout-issue-N.json) inside it`);
  return readFileSync(file);
}
