import { useState } from 'react';
import { TruncatedText } from './TruncatedText';

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

/** Renders any JSON value as text: primitives inline, objects/arrays as a collapsible tree. */
export function ValueView({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null) return <span className="v-null">null</span>;
  if (typeof value === 'string') return <TruncatedText className="v-string" text={value} ansi />;
  if (typeof value === 'number' || typeof value === 'bigint') return <span className="v-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="v-bool">{String(value)}</span>;
  if (Array.isArray(value) && isShortList(value)) return <span className="v-inline mono">[{value.map((v) => JSON.stringify(v)).join(', ')}]</span>;
  if (Array.isArray(value) || isRecord(value)) return <Branch value={value} depth={depth} />;
  return <span className="v-null">{value === undefined ? 'undefined' : String(value)}</span>;
}

function Branch({ value, depth }: { value: unknown[] | Record<string, unknown>; depth: number }) {
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
              <ValueView value={v} depth={depth + 1} />
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
