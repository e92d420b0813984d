/**
 * A frame's local variable as text. The Python SDK sends each value as its `repr()` string (containers as
 * lists and dicts of reprs), so a string leaf is already code: `'A-1'`, `3`, `None`. Sentry shows it raw and
 * prints containers the Python way (`{'sku': 'A-1', 'qty': 3}`, `[1, 2, 3]`), never JSON-quoted
 * (`{"sku":"'A-1'","qty":"3"}`). Other platforms send JSON values, shown as JSON.
 * @see https://github.com/getsentry/sentry-python/blob/master/sentry_sdk/serializer.py
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/ (vars)
 */

/** Text past this many characters is cut (the SDK bounds values too; this bounds a hand-made event). */
const MAX_CHARS = 10_000;

function pythonRepr(value: unknown, depth: number): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (depth > 20) return '...';
  if (Array.isArray(value)) return `[${value.map((v) => pythonRepr(v, depth + 1)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `'${k}': ${pythonRepr(v, depth + 1)}`).join(', ')}}`;
  }
  return String(value);
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try { return JSON.stringify(value) ?? String(value); } catch { return String(value); }
}

/** The variable's value as text: Python reprs as Python prints them, other platforms' values as JSON. */
export function frameVarText(value: unknown, platform: unknown): string {
  const text = platform === 'python' ? pythonRepr(value, 0) : jsonText(value);
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}
