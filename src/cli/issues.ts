import { openDatabase } from '../core/store/db';
import { issueQueries } from '../core/api/issue-queries';
import type { IssueQuery, IssueSummary } from '../shared/api-types';
import { flag, parseArgs, parseCount, UsageError } from './args';
import { assertStoreExists, resolveDataDir } from './data-dir';
import { oneLineText } from '../shared/format-chars';

const STATUSES = ['unresolved', 'resolved', 'ignored', 'all'] as const;
/** As the UI's list, which asks for at most 500 a page. */
const MAX_LIMIT = 500;

/**
 * `lookout issues [--data-dir D] [--query Q] [--project P] [--status S] [--limit N] [--json]`: the issue
 * list through the same search as the UI (`src/core/api` issue search: free text, `key:value`, `is:`…),
 * newest activity first, so an id for `lookout export` is found without the UI. Reads while the app runs (WAL readers).
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */
export async function issuesCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { 'data-dir': 'value', query: 'value', project: 'value', status: 'value', limit: 'value', json: 'switch' }, 0);
  const status = flag(args, 'status') ?? 'unresolved';
  if (!(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')} (got ${status})`);
  const limit = parseCount(flag(args, 'limit') ?? '25', 'limit');
  if (limit > MAX_LIMIT) throw new UsageError(`--limit must be at most ${MAX_LIMIT} (got ${limit})`);
  const project = flag(args, 'project');
  if (project !== undefined && project.trim() === '') throw new UsageError('--project needs a project name, slug or id');
  // The project goes through the search's own `project:` filter (a name, slug or id), which says when none has that name.
  const query = [flag(args, 'query') ?? '', project === undefined ? '' : `project:${/[\s"]/.test(project) ? JSON.stringify(project) : project}`]
    .filter((p) => p.trim() !== '').join(' ');
  const dataDir = resolveDataDir(flag(args, 'data-dir'));
  assertStoreExists(dataDir);
  const { db } = openDatabase(dataDir);
  try {
    const q: IssueQuery = { status: status as IssueQuery['status'], limit, ...(query ? { query } : {}) };
    const page = issueQueries(db).list(q);
    const names = new Map((db.prepare('SELECT id, name FROM projects').all() as { id: number; name: string }[]).map((p) => [p.id, p.name]));
    for (const note of page.notes ?? []) process.stderr.write(`${note}\n`);
    if (args.flags.has('json')) {
      const items = page.items.map((i) => ({ ...jsonRow(i), project: names.get(i.projectId) ?? null }));
      process.stdout.write(`${JSON.stringify({ total: page.total ?? items.length, items }, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(table(page.items, names));
    const total = page.total ?? page.items.length;
    process.stderr.write(total > page.items.length ? `${page.items.length} of ${total} issues; --limit N shows more.\n`
      : `${total} issue${total === 1 ? '' : 's'}.\n`);
    return 0;
  } finally {
    db.close();
  }
}

function jsonRow(i: IssueSummary) {
  return {
    id: i.id, status: statusWord(i), title: i.title, culprit: i.culprit, level: i.level, count: i.count, users: i.users,
    firstSeen: new Date(i.firstSeen).toISOString(), lastSeen: new Date(i.lastSeen).toISOString(),
    firstRelease: i.firstRelease, lastRelease: i.lastRelease, projectId: i.projectId,
    ...(i.status === 'resolved_next_release' ? { resolvedInRelease: i.resolvedInRelease ?? null, resolvedAfterRelease: i.resolvedAfterRelease ?? null } : {}),
  };
}

/**
 * Sentry's words: a regressed issue is unresolved, shown as "regressed"; one resolved in the next
 * release names that release once the app sent from it, as the issue list and page do.
 */
function statusWord(i: IssueSummary): string {
  if (i.regressed) return 'regressed';
  if (i.status !== 'resolved_next_release') return i.status;
  return i.resolvedInRelease ? `resolved in ${i.resolvedInRelease}` : 'resolved (next release)';
}

/** Number columns (id, events, users) align right. */
const RIGHT_ALIGNED = [0, 2, 3];

/** Aligned columns; the title is last and cut to one line, as it may be any length (event text). */
function table(items: IssueSummary[], names: Map<number, string>): string {
  if (items.length === 0) return '';
  const rows = items.map((i) => [String(i.id), statusWord(i), String(i.count), String(i.users), new Date(i.lastSeen).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    names.get(i.projectId) ?? String(i.projectId), oneLine(i.title)]);
  const header = ['ID', 'STATUS', 'EVENTS', 'USERS', 'LAST SEEN', 'PROJECT', 'TITLE'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (c === header.length - 1 ? 0 : r[c]!.length))));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : RIGHT_ALIGNED.includes(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** Control characters (a terminal escape in an error message) never reach the terminal; bidi controls show as `<U+202E>`. */
function oneLine(text: string): string {
  const flat = oneLineText(text);
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
