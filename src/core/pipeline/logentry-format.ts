/**
 * `logentry.formatted` from `message` and `params` when the SDK left it out, as Relay fills it:
 * Python style (`%s`, `%d`, `%(name)s`) when the template holds a `%`, else `{}`, `{0}` or
 * `{name}` when it holds a `{`. A template its params do not fit gets no `formatted`, and the
 * template stays what is shown. Grouping keeps using the template.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/message/
 */

type Params = unknown[] | Record<string, unknown>;

/** The formatted message, or null when the template cannot be filled from the params. */
export function formatLogMessage(template: string, params: unknown): string | null {
  if (!Array.isArray(params) && (typeof params !== 'object' || params === null)) return null;
  try {
    if (template.includes('%')) return pythonFormat(template, params as Params);
    if (template.includes('{')) return curlyFormat(template, params as Params);
  } catch {
    return null;
  }
  return null;
}

const PYTHON = /%(?:\(([^)]*)\))?([#0\- +]*)(\d+)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g;
const CURLY = /\{\{|\}\}|\{([^{}]*)\}/g;

function argument(params: Params, key: string | undefined, next: () => number): unknown {
  if (key !== undefined) {
    if (Array.isArray(params) || !(key in params)) throw new Error(`no param ${key}`);
    return params[key];
  }
  if (!Array.isArray(params)) throw new Error('positional param from an object');
  const index = next();
  if (index >= params.length) throw new Error(`no param ${index}`);
  return params[index];
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : v === null ? 'None' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function asNumber(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new Error('not a number');
  return n;
}

function convert(type: string, v: unknown, precision: number | undefined): string {
  switch (type) {
    case 'd': case 'i': case 'u': return String(Math.trunc(asNumber(v)));
    case 'f': case 'F': return fixedHalfEven(asNumber(v), precision ?? 6);
    case 'e': case 'E': { const s = asNumber(v).toExponential(precision ?? 6); return type === 'E' ? s.toUpperCase() : s; }
    case 'g': case 'G': { const s = String(Number(asNumber(v).toPrecision(precision || 6))); return type === 'G' ? s.toUpperCase() : s; }
    case 'x': return Math.trunc(asNumber(v)).toString(16);
    case 'X': return Math.trunc(asNumber(v)).toString(16).toUpperCase();
    case 'o': return Math.trunc(asNumber(v)).toString(8);
    case 'c': return typeof v === 'number' ? String.fromCodePoint(v) : asText(v).slice(0, 1);
    default: { const s = asText(v); return precision === undefined ? s : s.slice(0, precision); }
  }
}

/**
 * `toFixed`, except that an exact tie rounds to the even digit as Python's `%f` does
 * ('%.1f' % 42.25 is '42.2'); `toFixed` rounds it away from zero.
 */
function fixedHalfEven(n: number, digits: number): string {
  const rounded = n.toFixed(digits);
  if (Math.abs(n) >= 1e21 || digits > 50) return rounded;
  // 100 places tell a tie from its neighbours: doubles near a tie of ≤ 50 places are ≥ 1e-67 apart.
  const exact = n.toFixed(100);
  const point = exact.indexOf('.');
  if (!/^50*$/.test(exact.slice(point + 1 + digits))) return rounded;
  const kept = digits === 0 ? exact.slice(0, point) : exact.slice(0, point + 1 + digits);
  return Number(kept.at(-1)) % 2 === 0 ? kept : rounded;
}

function pythonFormat(template: string, params: Params): string {
  let position = 0;
  return template.replace(PYTHON, (_all, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string) => {
    if (type === '%') return '%';
    const value = convert(type, argument(params, key, () => position++), precision === undefined ? undefined : Number(precision));
    const w = width === undefined ? 0 : Number(width);
    if (value.length >= w) return value;
    return flags.includes('-') ? value.padEnd(w) : value.padStart(w, flags.includes('0') && type !== 's' ? '0' : ' ');
  });
}

function curlyFormat(template: string, params: Params): string {
  let position = 0;
  return template.replace(CURLY, (all, inner: string | undefined) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const name = inner ?? '';
    if (name === '') return asText(argument(params, undefined, () => position++));
    if (/^\d+$/.test(name)) return asText(argument(params, undefined, () => Number(name)));
    if (/^\w+$/.test(name)) return asText(argument(params, name, () => 0));
    throw new Error(`unsupported field {${name}}`);
  });
}
