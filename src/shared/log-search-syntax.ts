/**
 * The Logs search box read the way Sentry's log explorer reads it: free text matches the body
 * (`message`), `key:value` any attribute the SDK set (`customer:c3`, `sentry.environment:production`),
 * `!key:value` excludes, `key:[a,b]` is any of a and b, `*` is a wildcard, `key:>10` (also `>=`, `<`, `<=`)
 * compares numbers, `has:key` / `!has:key` ask for the attribute. `severity:` (or `level:`) is the level,
 * `trace:` the trace id, `message:` the body. `message.template` and `message.parameter.<name>` are the
 * SDK's `sentry.`-prefixed attributes, as Sentry maps them. One reading for both sides: the server
 * filters by it (`core/api/log-search-sql.ts`), the box shows its `problems` under it.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/logs/
 * @see https://docs.sentry.io/concepts/search/
 */
import { listValues, SEARCH_TOKEN } from './issue-search-syntax';

/** `values`: any of them matches (exactly, or as a `*` pattern); `compare`: a number bound instead. */
export interface LogAttributeFilter {
  key: string;
  values: string[];
  negate: boolean;
  compare?: { op: '>' | '>=' | '<' | '<='; value: number };
}

export interface LogSearch {
  /** Words searched in the body (case-insensitive for ASCII, as before attributes could be searched). */
  text: string;
  /** Each `severity:` token's levels; every token must hold (Sentry ANDs filters). */
  levels: { values: string[]; negate: boolean }[];
  /** 32-hex trace ids from `trace:`. */
  traces: string[];
  /** `message:` values: a substring of the body, or a `*` pattern of the whole body. */
  messages: { value: string; negate: boolean }[];
  attributes: LogAttributeFilter[];
  has: { key: string; negate: boolean }[];
  /** What was left out and why, to say under the box. */
  problems: string[];
}

/** More filters only slow the scan; the rest are said to be left out. */
export const MAX_LOG_FILTERS = 10;
const LEVEL_KEYS = new Set(['severity', 'level', 'severity_text']);
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
const COMPARISON = /^(>=|<=|>|<)(.*)$/;

/** Sentry's log search keys besides the attributes themselves, with what each does (the box suggests them first). */
export const LOG_SEARCH_KEYS: readonly { key: string; hint: string }[] = [
  { key: 'severity', hint: LOG_LEVELS.join(', ') },
  { key: 'message', hint: 'the log body; * wildcards' },
  { key: 'trace', hint: 'a trace id' },
  { key: 'has', hint: 'has an attribute' },
];

/** The stored attribute a search key names: Sentry's `message.template` is the SDK's `sentry.message.template`. */
export function storedAttributeKey(key: string): string {
  return /^message\.(template|parameter\.)/.test(key) ? `sentry.${key}` : key;
}

function levelValues(value: string): string[] {
  const values = (listValues(value) ?? [value]).map((v) => v.toLowerCase());
  // SDKs send `warn`; Sentry's event levels say `warning`.
  return [...new Set(values.flatMap((v) => (v === 'warning' || v === 'warn' ? ['warn', 'warning'] : [v])))];
}

/** A `key:` with nothing after it, or a quote never closed: syntax the box explains instead of searching as text. */
function syntaxProblems(input: string): string[] {
  const problems: string[] = [];
  if ((input.match(/"/g)?.length ?? 0) % 2 === 1) problems.push('A quote is not closed: end the value with " (key:"two words").');
  for (const m of input.matchAll(/(?:^|\s)!?([\w.-]+):(?=\s|$)/g)) {
    problems.push(`${m[1] ?? ''}: needs a value, such as ${m[1] ?? ''}:value (or has:${m[1] ?? ''}).`);
  }
  return problems;
}

/** Parses the Logs search box; never throws, whatever is typed. */
export function parseLogSearch(input: string): LogSearch {
  const search: LogSearch = { text: '', levels: [], traces: [], messages: [], attributes: [], has: [], problems: syntaxProblems(input) };
  let count = 0;
  const text = input.replace(SEARCH_TOKEN, (whole, lead: string, bang: string, key: string, quoted?: string, list?: string, bare?: string) => {
    const value = quoted ?? list ?? bare ?? '';
    // `http://host` is a URL in the text, not a filter on an attribute named `http`.
    if (bare?.startsWith('//')) return whole;
    const negate = bang === '!';
    const lower = key.toLowerCase();
    if (++count > MAX_LOG_FILTERS) {
      search.problems.push(`At most ${MAX_LOG_FILTERS} filters are applied: ${JSON.stringify(whole.trim())} was left out.`);
      return lead;
    }
    if (LEVEL_KEYS.has(lower)) {
      const values = levelValues(value);
      const unknown = values.filter((v) => !(LOG_LEVELS as readonly string[]).includes(v) && v !== 'warning');
      if (unknown.length) search.problems.push(`${key}: takes ${LOG_LEVELS.join(', ')}; ${unknown.map((u) => JSON.stringify(u)).join(', ')} matches no log.`);
      search.levels.push({ values, negate });
    } else if (lower === 'trace' || lower === 'trace_id' || lower === 'trace.id') {
      const id = value.replace(/-/g, '').toLowerCase();
      if (/^[0-9a-f]{32}$/.test(id) && !negate) search.traces.push(id);
      else search.problems.push(`trace: needs a 32-digit hex trace id (and no !): ${JSON.stringify(whole.trim())} was left out.`);
    } else if (lower === 'message') {
      search.messages.push({ value, negate });
    } else if (lower === 'has') {
      if (/^[\w.-]+$/.test(value)) search.has.push({ key: storedAttributeKey(value), negate });
      else search.problems.push(`has: takes an attribute name, such as has:customer: ${JSON.stringify(whole.trim())} was left out.`);
    } else {
      const comparison = bare ? COMPARISON.exec(bare) : null;
      if (comparison) {
        const number = Number(comparison[2]);
        if (comparison[2] === '' || !Number.isFinite(number)) {
          search.problems.push(`${key}:${comparison[1] ?? ''} needs a number, such as ${key}:>10: ${JSON.stringify(whole.trim())} was left out.`);
          return lead;
        }
        search.attributes.push({ key: storedAttributeKey(key), values: [], negate, compare: { op: comparison[1] as '>' | '>=' | '<' | '<=', value: number } });
      } else {
        search.attributes.push({ key: storedAttributeKey(key), values: listValues(value) ?? [value], negate });
      }
    }
    return lead;
  });
  search.text = text.trim();
  return search;
}
