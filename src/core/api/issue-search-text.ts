/**
 * The issue search's free text, read as Sentry reads it: everything that is no `key:value` filter is one
 * term, matched as a substring of the issue's message, title, culprit and error value and type (Sentry's
 * `search_message`, written by `grouping/title.ts`'s `issueSearchText`; Sentry wraps the term as `*text*`), in
 * any letter case. Several words are one phrase, kept together and in order; quotes only group (`"failure 12"`
 * is the same phrase); `*` inside is Sentry's wildcard. Tag values are not free text: they are searched as
 * `key:value`.
 *
 * `issues_fts` is a trigram index of that text (migration 032): each run of three characters or more
 * between wildcards is a phrase query the index answers; shorter runs, and the order of runs around a
 * `*`, are checked with LIKE on the rows the index found (or on the index's rows, when no run is that long).
 * @see https://docs.sentry.io/concepts/search/#free-text-search
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/api/event_search.py (free text → `message:*text*`)
 */

/** The free text as one phrase: quoted parts lose their quotes, runs of spaces become one. */
export function freeTextPhrase(text: string): string {
  const parts = text.match(/"[^"]*"|[^\s"]+|"[^"]*$/g) ?? [];
  return parts.map((p) => p.replace(/^"|"$/g, '').trim()).filter((p) => p !== '').join(' ').replace(/\s+/g, ' ');
}

/** A trigram needs three characters (code points, as SQLite counts them). */
const TRIGRAM = 3;

/** One FTS5 string: a phrase of the trigram tokenizer, which is an exact substring match. */
function ftsString(part: string): string {
  return `"${part.replaceAll('"', '""')}"`;
}

function likeEscaped(part: string): string {
  return part.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The condition on `i.id` (the listed issue) for the free text, with its named arguments put into
 * `args`; null when the text asks for nothing (empty, or only `*`).
 */
export function freeTextCondition(text: string, args: Record<string, unknown>): string | null {
  const phrase = freeTextPhrase(text);
  const parts = phrase.split('*').filter((p) => p !== '').slice(0, 20);
  if (parts.length === 0) return null;
  const indexed = parts.filter((p) => [...p].length >= TRIGRAM);
  const checks: string[] = [];
  if (indexed.length > 0) {
    checks.push('issues_fts MATCH @textMatch');
    args.textMatch = indexed.map(ftsString).join(' AND ');
  }
  // The index found rows holding every long run; LIKE keeps those where the runs come in order and the short ones are there.
  if (indexed.length < parts.length || parts.length > 1) {
    checks.push("text LIKE @textLike ESCAPE '\\'");
    args.textLike = `%${parts.map(likeEscaped).join('%')}%`;
  }
  return `i.id IN (SELECT rowid FROM issues_fts WHERE ${checks.join(' AND ')})`;
}
