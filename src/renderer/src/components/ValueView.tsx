import { useState } from 'react';
import { TruncatedText } from './TruncatedText';
import { MaskToggle } from './MaskToggle';
import { MASK, maskedText, masksNumber, masksWhole } from '../../../shared/screen-mask';

const KEYS_PER_STEP = 100;
const OPEN_DEPTH = 2;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A few short primitives read best on one line: `["a", 1, true]`. */
function isShortList(list: unknown[]): boolean {
  if (list.length === 0 || list.length > 8) return false;
  let chars = 0;
  for (const v of list) {
    if (!(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null)) return false;
    chars += String(v).length + 2;
  }
  return chars <= 100;
}

/**
 * Renders any JSON value as text: primitives inline, objects/arrays as a collapsible tree. Values the
 * export would scrub are masked (`shared/screen-mask.ts`) until shown; `revealed` shows a value already asked for whole.
 */
export function ValueView({ value, depth = 0, revealed = false }: { value: unknown; depth?: number; revealed?: boolean }) {
  if (value === null) return <span className="v-null">null</span>;
  if (typeof value === 'string') {
    const masked = revealed ? null : maskedText(value);
    if (masked !== null) return <MaskedValue value={value} masked={masked} />;
    return <TruncatedText className="v-string" text={value} ansi />;
  }
  if (typeof value === 'number' && !revealed && masksNumber(value)) return <MaskedValue value={value} />;
  if (typeof value === 'number' || typeof value === 'bigint') return <span className="v-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="v-bool">{String(value)}</span>;
  if (Array.isArray(value) && isShortList(value)) return <span className="v-inline mono">[{value.map((v) => JSON.stringify(v)).join(', ')}]</span>;
  if (Array.isArray(value) || isRecord(value)) return <Branch value={value} depth={depth} revealed={revealed} />;
  return <span className="v-null">{value === undefined ? 'undefined' : String(value)}</span>;
}

/**
 * A masked value: `[Filtered]` (or the text with its secret parts masked) and a per-value toggle to show it.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
export function MaskedValue({ value, masked = MASK }: { value: unknown; masked?: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="v-masked" data-testid="masked-value" data-shown={shown}>
      {shown ? <ValueView value={value} revealed /> : <span className="v-masked-text" title="Hidden as a bug report would filter it">{masked}</span>}
      <MaskToggle shown={shown} onToggle={() => setShown(!shown)} />
    </span>
  );
}

function Branch({ value, depth, revealed }: { value: unknown[] | Record<string, unknown>; depth: number; revealed: boolean }) {
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [open, setOpen] = useState(depth < OPEN_DEPTH || entries.length <= 3);
  const [limit, setLimit] = useState(KEYS_PER_STEP);
  const summary = isArray ? `Array(${entries.length})` : `{${entries.length} ${entries.length === 1 ? 'key' : 'keys'}}`;
  if (entries.length === 0) return <span className="v-null">{isArray ? '[]' : '{}'}</span>;
  return (
    <span className="v-branch">
      <button type="button" className="v-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? '▾' : '▸'} <span className="v-summary">{summary}</span>
      </button>
      {open && (
        <span className="v-children">
          {entries.slice(0, limit).map(([k, v]) => (
            <span className="v-entry" key={k}>
              <span className="v-key">{k}</span>
              <span className="v-sep">: </span>
              {!revealed && !isArray && masksWhole(k, v) ? <MaskedValue value={v} /> : <ValueView value={v} depth={depth + 1} revealed={revealed} />}
            </span>
          ))}
          {entries.length > limit && (
            <button type="button" className="link-btn" onClick={() => setLimit(limit + KEYS_PER_STEP * 5)}>
              show {Math.min(KEYS_PER_STEP * 5, entries.length - limit)} more of {entries.length - limit}
            </button>
          )}
        </span>
      )}
    </span>
  );
}
