import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DB } from '../core/store/db';
import { renderReport, type ReportOptions, type RenderedReport } from '../core/report/render-report';
import { flag, parseArgs, parseCount, UsageError } from './args';
import { assertStoreExists, resolveDataDir } from './data-dir';
import { lookoutServing } from '../core/data-dir-guard';
import { readPortSetting } from '../core/api/port-setting';
import { HttpError } from '../core/api/http-util';
import { describeError } from './describe-error';
import { GITHUB_ISSUE_BODY_MAX } from '../core/export/markdown-fit';

/** The port `lookout serve` and the desktop app start on when the data dir's settings name none. */
const DEFAULT_PORT = 8969;

/**
 * Where the reports link the trace: the Lookout serving this data dir, unless the system picked its
 * port (`--port 0`: dead once that run ends, so no link); with none running, the port this data dir
 * starts on. Either way the link only opens on the sender's machine; the trace id is the portable part.
 */
async function senderLookoutUrl(dataDir: string): Promise<string | undefined> {
  const serving = await lookoutServing(dataDir);
  if (serving) return serving.ephemeralPort ? undefined : serving.url;
  return `http://127.0.0.1:${readPortSetting(dataDir) ?? DEFAULT_PORT}`;
}

function issueIds(words: string[]): number[] {
  if (words.length === 0) throw new UsageError('lookout export needs an issue id (a number)');
  const ids = words.map((w) => {
    const id = Number(w);
    if (!/^\d+$/.test(w) || !Number.isSafeInteger(id) || id <= 0) throw new UsageError(`not an issue id: ${JSON.stringify(w)} (issue ids are numbers; \`lookout issues\` lists them)`);
    return id;
  });
  return [...new Set(ids)];
}

function isDirectory(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

async function renderOne(db: DB, dataDir: string, id: number, format: string, opts: ReportOptions): Promise<RenderedReport> {
  return renderReport(db, id, format, opts).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) throw new Error(`No issue ${id} in ${dataDir}; \`lookout issues --data-dir ${dataDir}\` lists them.`);
    throw err;
  });
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** Markdown over GitHub's issue-body limit: says what `--fit` trimmed, or that it would fit with `--fit`. */
function sayFit(report: RenderedReport): void {
  const fit = report.fit;
  if (!fit || fit.fullLength <= GITHUB_ISSUE_BODY_MAX) return;
  const limit = `GitHub's ${GITHUB_ISSUE_BODY_MAX.toLocaleString('en')}-character issue limit`;
  process.stderr.write(fit.trimmed.length > 0
    ? `Trimmed to fit ${limit} (from ${fit.fullLength.toLocaleString('en')}): ${fit.trimmed.join('; ')}.\n`
    : `The report is ${fit.fullLength.toLocaleString('en')} characters, over ${limit}: --fit writes a version that fits.\n`);
}

/**
 * `lookout export ISSUE_ID... --format md|html|json [--out FILE|DIR] [--data-dir D] [--no-scrub | --scrub-emails --scrub-ips]` —
 * works while the app runs (WAL readers). Several issues become one file each in `--out DIR`
 * (`lookout-issue-<id>.<ext>`, as the UI names them): each report stands alone, as a teammate files or
 * imports it (a JSON bundle is one issue's), and an HTML one carries its own replay player. An id that
 * fails is said and the others still exported; the exit code is 1 if any failed.
 */
export async function exportCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { format: 'value', out: 'value', 'data-dir': 'value', 'no-scrub': 'switch', events: 'value', 'no-replay': 'switch',
    'scrub-emails': 'switch', 'scrub-ips': 'switch', fit: 'switch' });
  if (args.flags.has('no-scrub') && (args.flags.has('scrub-emails') || args.flags.has('scrub-ips'))) {
    throw new UsageError('--no-scrub turns scrubbing off: it cannot be combined with --scrub-emails or --scrub-ips');
  }
  const ids = issueIds(args.positional);
  const format = flag(args, 'format') ?? 'md';
  if (format !== 'md' && format !== 'html' && format !== 'json') throw new UsageError(`unknown --format ${format}: use md, html or json`);
  const events = parseCount(flag(args, 'events') ?? '10', 'events');
  const out = flag(args, 'out');
  if (ids.length > 1 && out === undefined) throw new UsageError(`${ids.length} issues need --out DIR: each is written there as lookout-issue-<id>.${format}`);
  if (ids.length > 1 && out !== undefined && existsSync(out) && !isDirectory(out)) throw new UsageError(`--out ${out} is a file: with several issues, --out names a folder`);
  // Several issues go into a folder (made when missing); one goes into a folder only when --out is one.
  const outDir = out !== undefined && (ids.length > 1 || isDirectory(out)) ? out : null;
  const dataDir = resolveDataDir(flag(args, 'data-dir'));
  assertStoreExists(dataDir);
  const { db } = openDatabase(dataDir);
  try {
    const lookoutUrl = await senderLookoutUrl(dataDir);
    // E-mails and IP addresses are kept by default, as in the UI and API (`emails=1&ips=1` there).
    const rules = { ...(args.flags.has('scrub-emails') ? { emails: true } : {}), ...(args.flags.has('scrub-ips') ? { ips: true } : {}) };
    const opts: ReportOptions = { events, scrub: !args.flags.has('no-scrub'), replay: !args.flags.has('no-replay'), rules, fit: args.flags.has('fit'),
      ...(lookoutUrl ? { lookoutUrl } : {}) };
    if (!outDir) {
      const report = await renderOne(db, dataDir, ids[0]!, format, opts);
      sayFit(report);
      if (out) { writeFileSync(out, report.body); process.stderr.write(`Wrote ${out}\n`); } else process.stdout.write(report.body);
      return 0;
    }
    mkdirSync(outDir, { recursive: true });
    const failed: number[] = [];
    for (const [i, id] of ids.entries()) {
      const step = `[${i + 1}/${ids.length}] issue ${id}`;
      try {
        const report = await renderOne(db, dataDir, id, format, opts);
        const file = join(outDir, report.filename);
        writeFileSync(file, report.body);
        process.stderr.write(`${step}: wrote ${file} (${sizeText(Buffer.byteLength(report.body))})\n`);
        sayFit(report);
      } catch (err) {
        failed.push(id);
        process.stderr.write(`${step} failed: ${describeError(err)}\n`);
      }
    }
    const done = ids.length - failed.length;
    process.stderr.write(failed.length === 0
      ? `Exported ${done} issue${done === 1 ? '' : 's'} to ${outDir}.\n`
      : `Exported ${done} of ${ids.length} issues to ${outDir}; failed: ${failed.join(', ')}.\n`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    db.close();
  }
}
