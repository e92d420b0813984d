import { writeFileSync } from 'node:fs';
import { openDatabase } from '../core/store/db';
import { renderReport } from '../core/report/render-report';
import { flag, parseArgs, parseCount, UsageError } from './args';
import { assertStoreExists, resolveDataDir } from './data-dir';
import { lookoutServing } from '../core/data-dir-guard';
import { HttpError } from '../core/api/http-util';

/** `lookout export ISSUE_ID --format md|html|json [--out FILE] [--data-dir D] [--no-scrub]` — works while the app runs (WAL readers). */
export async function exportCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { format: 'value', out: 'value', 'data-dir': 'value', 'no-scrub': 'switch', events: 'value', 'no-replay': 'switch' }, 1);
  const id = Number(args.positional[0]);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError('lookout export needs an issue id (a number)');
  const format = flag(args, 'format') ?? 'md';
  const events = parseCount(flag(args, 'events') ?? '10', 'events');
  const dataDir = resolveDataDir(flag(args, 'data-dir'));
  assertStoreExists(dataDir);
  const { db } = openDatabase(dataDir);
  try {
    // The trace's link points at the Lookout serving this data dir, when one does.
    const serving = await lookoutServing(dataDir);
    const report = await renderReport(db, id, format, {
      events, scrub: !args.flags.has('no-scrub'), replay: !args.flags.has('no-replay'), ...(serving ? { lookoutUrl: serving.url } : {}),
    }).catch((err: unknown) => {
      if (err instanceof HttpError && err.status === 404) {
        throw new Error(`No issue ${id} in ${dataDir}; \`lookout issues --data-dir ${dataDir}\` lists them.`);
      }
      throw err;
    });
    const out = flag(args, 'out');
    if (out) {
      writeFileSync(out, report.body);
      process.stderr.write(`Wrote ${out}\n`);
    } else {
      process.stdout.write(report.body);
    }
    return 0;
  } finally {
    db.close();
  }
}
