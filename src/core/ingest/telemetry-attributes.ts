/**
 * Span and log attributes as stored (the JSON text the pipeline kept), turned into plain values
 * for the read API: the typed `{ value, type }` form of span v2 and logs becomes its value.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#log-envelope-item-payload
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */

import { jsonDepthExceeds } from './json-depth';

/** Stored attribute text longer than this is not parsed for the API, only described. */
export const MAX_ATTRIBUTES_TEXT = 64 * 1024;
/** Attributes are flat key → value pairs; arrays and objects in values nest a little, never this much. */
const MAX_DEPTH = 32;
/** Keys kept per object; the rest are counted in `…`. */
const MAX_KEYS = 500;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{ value, type }` (the typed attribute form) → `value`; anything else as it is. */
function attributeValue(v: unknown): unknown {
  if (isRecord(v) && 'value' in v && typeof v.type === 'string') return v.value;
  return v;
}

/** Fewer opening brackets than `depth` cannot nest that deep (a cheap pre-check; most attributes have a dozen). */
function mayNestDeeper(text: string, depth: number): boolean {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x7b || c === 0x5b) && ++open > depth) return true;
  }
  return false;
}

/** Parses stored attribute JSON into flat key → value; cut or broken text yields a note, never a throw. */
export function readAttributes(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string' || text === '' || text === '{}') return {};
  if (text.length > MAX_ATTRIBUTES_TEXT) return { '…': `${text.length.toLocaleString('en')} characters of attributes, too large to list` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { '…': 'attributes were cut when stored and are not valid JSON' };
  }
  if (mayNestDeeper(text, MAX_DEPTH) && jsonDepthExceeds(parsed, MAX_DEPTH)) return { '…': `attributes nested deeper than ${MAX_DEPTH} levels, not shown` };
  if (!isRecord(parsed)) return { value: parsed };
  const entries = Object.entries(parsed);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries.slice(0, MAX_KEYS)) out[k] = attributeValue(v);
  if (entries.length > MAX_KEYS) out['…'] = `${entries.length - MAX_KEYS} more keys`;
  return out;
}

/** A string attribute, or null. */
export function stringAttribute(attrs: Record<string, unknown>, key: string): string | null {
  const v = attrs[key];
  return typeof v === 'string' && v.length > 0 ? v : null;
}
