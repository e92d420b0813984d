/**
 * Replaces the event-specific parts of a message (ids, numbers, dates, ...) with `<name>`
 * placeholders, so messages differing only in those parts group together. Same patterns, same
 * order and same leftmost-first combined matching as Sentry's `grouping/parameterization.py`.
 * @see https://develop.sentry.dev/backend/grouping/#message-fallback
 */

const DAY = '(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const ZONE = '(?:UT|GMT|(?:E|C|M|P)(?:ST|DT)|[A-IK-Z])';
const OCTET = '(?:25[0-5]|(?:2[0-4]|1?[0-9])?[0-9])';
const IPV4 = `(?:${OCTET}\\.){3}${OCTET}`;
const H16 = '[0-9a-fA-F]{1,4}';
const TLDS =
  'com|net|org|jp|de|uk|fr|br|it|ru|es|me|gov|pl|ca|au|cn|co|in|nl|edu|info|eu|ch|id|at|kr|cz|mx|be|tv|se|tr|tw|al|ua|ir|vn|cl|sk|ly|cc|to|no|fi|us|pt|dk|ar|hu|tk|gr|il|news|ro|my|biz|ie|za|nz|sg|ee|th|io|xyz|pe|bg|hk|rs|lt|link|ph|club|si|site|mobi|by|cat|wiki|la|ga|xxx|cf|hr|ng|jobs|online|kz|ug|gq|ae|is|lv|pro|fm|tips|ms|sa|app';

const IPV6 = [
  `(?:${H16}:){7}${H16}`,
  `(?:${H16}:){1,7}:`,
  `(?:${H16}:){1,6}:${H16}`,
  `(?:${H16}:){1,5}(?::${H16}){1,2}`,
  `(?:${H16}:){1,4}(?::${H16}){1,3}`,
  `(?:${H16}:){1,3}(?::${H16}){1,4}`,
  `(?:${H16}:){1,2}(?::${H16}){1,5}`,
  `${H16}:(?::${H16}){1,6}`,
  `:(?:(?::${H16}){1,7}|:)`,
  'fe80:(?::[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]+',
  `::(?:ffff(?::0{1,4})?:)?${IPV4}`,
  `(?:${H16}:){1,4}:${IPV4}\\b`,
].join('|');

const DATE = [
  `${DAY},\\s\\d{1,2}\\s${MONTH}\\s\\d{2,4}\\s\\d{1,2}:\\d{1,2}(?::\\d{1,2})?\\s(?:[-+]\\d{2}[0-5]\\d|${ZONE})`,
  `(?:${DAY}\\s)?${MONTH}\\s[0-3]\\d,\\s\\d{2,4}`,
  `(?:Sun|Sunday|Mon|Monday|Tue|Tuesday|Wed|Wednesday|Thu|Thursday|Fri|Friday|Sat|Saturday),\\s\\d{2}-${MONTH}-\\d{2}\\s\\d{2}:\\d{2}:\\d{2}\\s${ZONE}`,
  '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?(?:[+-]?\\d{2}:\\d{2})?',
  `${DAY}\\s${MONTH}\\s\\d{2}\\s\\d{4}\\s\\d{2}:\\d{2}:\\d{2}\\sGMT[+-]\\d{4}(?:\\s\\([^)]+\\))?`,
  '\\d{4}-?[01]\\d-?[0-3]\\d[\\sT][0-2]\\d:?[0-5]\\d:?[0-5]\\d\\.\\d+(?:[+-][0-2]\\d:?[0-5]\\d|Z)',
  '\\d{4}-?[01]\\d-?[0-3]\\d[\\sT][0-2]\\d:?[0-5]\\d:?[0-5]\\d(?:[+-][0-2]\\d:?[0-5]\\d|Z)',
  '\\d{4}-?[01]\\d-?[0-3]\\d[\\sT][0-2]\\d:?[0-5]\\d(?:[+-][0-2]\\d:?[0-5]\\d|Z)',
  '\\d{4}-?[01]\\d-?[0-3]\\d[\\sT][0-2]\\d:?[0-5]\\d:?[0-5]\\d\\.\\d+',
  '\\d{4}-?[01]\\d-?[0-3]\\d[\\sT][0-2]\\d:?[0-5]\\d:?[0-5]\\d',
  '\\d{4}-?[01]\\d-?[0-3]\\d[\\sT][0-2]\\d:?[0-5]\\d',
  '(?<!\\d)(?:[1-9]|1[0-2]):[0-5]\\d(?::[0-5]\\d)?(?![\\d:])(?:\\s?[aApP][Mm])?',
  '(?<!\\d)(?:0?\\d|1\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?![\\d:])',
  '\\d{4}-[01]\\d-[0-3]\\d',
  '[0-2]\\d:[0-5]\\d:[0-5]\\d',
  `\\b(?:${DAY}\\s+)?${MONTH}\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}\\s+\\d{4}`,
  `\\b(?:${DAY},\\s+)?(?:0[1-9]|[1-2]?\\d|3[01])\\s+${MONTH}\\s+(?:19\\d{2}|[2-9]\\d{3})\\s+(?:2[0-3]|[0-1]\\d):[0-5]\\d(?::(?:60|[0-5]\\d))?\\s+(?:[-+]\\d{2}[0-5]\\d|${ZONE})`,
  'datetime.datetime\\(.*?\\)',
].join('|');

const HEX = [
  '\\b0[xX][0-9a-fA-F]+\\b',
  '(?:\\b|(?<!\\w)-)(?:(?=[a-f]*[0-9])(?=[0-9]*[a-f])[0-9a-f]{4,6}|(?=[A-F]*[0-9])(?=[0-9]*[A-F])[0-9A-F]{4,6}|[0-9a-f]{8,128}|[0-9A-F]{8,128})\\b',
].join('|');

/** [placeholder name, pattern, lookbehind]; order matters: earlier patterns win at the same position. */
const PATTERNS: readonly (readonly [string, string, string?])[] = [
  ['email', "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*"],
  ['url', '\\b(?:wss?|https?|ftp)://[^\\s/$.?#].[^\\s]*'],
  ['hostname', `\\b(?:[a-zA-Z0-9-]{1,63}\\.)+?(?:${TLDS.toUpperCase()}|${TLDS})\\b`],
  ['ip', `(?<![0-9a-zA-Z_])(?:${IPV6})(?![0-9a-zA-Z])|\\b${IPV4}\\b`],
  ['traceparent', '\\b00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]\\b|\\b1-[0-9a-f]{8}-[0-9a-f]{24}\\b'],
  ['uuid', '\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b'],
  ['sha1', '\\b[0-9a-fA-F]{40}\\b'],
  ['md5', '\\b[0-9a-fA-F]{32}\\b'],
  ['date', DATE],
  ['duration', '\\b\\d+ms|\\d+(?:\\.\\d+)?s\\b'],
  ['swift_txn_id', '\\btx[0-9a-f]{21}-[0-9a-f]{10}\\S*'],
  ['hex', HEX],
  ['git_sha', '\\b(?=[a-f]*[0-9])(?=[0-9]*[a-f])[0-9a-f]{7}\\b'],
  ['float', '-\\d+\\.\\d+\\b|\\b\\d+\\.\\d+\\b'],
  ['int', '(?:\\b|(?<!\\w)-)\\d{1,7}\\b'],
  ['quoted_str', '\'[^\']+\'|"[^"]+"', '='],
  ['bool', 'True|true|False|false', '='],
];

const NAMES = PATTERNS.map(([name]) => name);
const COMBINED = new RegExp(
  PATTERNS.map(([name, pattern, behind]) => `${behind ? `(?<=${behind})` : ''}(?<${name}>${pattern})`).join('|'),
  'g',
);

/** Relay trims messages and exception values to this many characters; longer input is cut first. */
export const MAX_PARAMETERIZE_CHARS = 8192;

function placeholder(...args: unknown[]): string {
  const groups = args[args.length - 1] as Record<string, string | undefined>;
  for (const name of NAMES) if (groups[name] !== undefined) return `<${name}>`;
  return '';
}

/**
 * Replaces emails, URLs, hosts, IPs, trace ids, UUIDs, SHA1/MD5, dates and times, durations, hex,
 * git SHAs, floats, ints, and quoted values or booleans after `=` with `<name>` placeholders.
 * @see https://develop.sentry.dev/backend/grouping/#message-fallback
 */
export function parameterize(text: string): string {
  const input = text.length > MAX_PARAMETERIZE_CHARS ? `${text.slice(0, MAX_PARAMETERIZE_CHARS - 3)}...` : text;
  return input.replace(COMBINED, placeholder);
}

// Python's str.splitlines() boundaries.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** The first two non-empty lines, with `...` appended when anything else was cut (`message.py`). */
export function firstTwoLines(message: string): string {
  const kept: string[] = [];
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  while (kept.length < 2 && start <= message.length) {
    const found = LINE_BREAK.exec(message);
    const end = found ? found.index : message.length;
    const line = message.slice(start, end);
    if (line.trim() !== '') kept.push(line);
    if (!found) break;
    start = LINE_BREAK.lastIndex;
  }
  const trimmed = kept.join('\n');
  return trimmed === message ? trimmed : `${trimmed}...`;
}

/** Sentry's `normalize_message_for_grouping`: two lines, then parameterized. */
export function normalizeMessage(message: string): string {
  return parameterize(firstTwoLines(message));
}
