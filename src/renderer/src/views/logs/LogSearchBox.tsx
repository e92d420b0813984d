import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api/instance';
import { applySuggestion, tokenAtCaret, type Suggestion, type TokenAtCaret } from '../../lib/search-suggest';
import { parseLogSearch } from '../../../../shared/log-search-syntax';
import { logKeySuggestions, logValuesFromServer, logValueSuggestions } from './log-search-suggest';
import '../issues/search-box.css';

const VALUES_DEBOUNCE_MS = 120;

/** An attribute's values from the newest logs, fetched after a pause in typing; cached per key and prefix. */
function useAttributeValues(token: TokenAtCaret | null): string[] {
  const [values, setValues] = useState<string[]>([]);
  const cache = useRef(new Map<string, string[]>());
  const key = token?.key && logValuesFromServer(token.key) ? token.key : null;
  const prefix = token?.value ?? '';
  useEffect(() => {
    if (!key) { setValues([]); return; }
    const id = `${key}\u0000${prefix}`;
    const cached = cache.current.get(id);
    if (cached) { setValues(cached); return; }
    let live = true;
    const timer = window.setTimeout(() => {
      api().logSearchValues(key, prefix).then((answer) => {
        const found = Array.isArray(answer.values) ? answer.values.filter((v): v is string => typeof v === 'string') : [];
        cache.current.set(id, found);
        if (live) setValues(found);
      }).catch(() => { if (live) setValues([]); });
    }, VALUES_DEBOUNCE_MS);
    return () => { live = false; window.clearTimeout(timer); };
  }, [key, prefix]);
  return values;
}

/**
 * The Logs search box as an ARIA 1.2 combobox (as the issue search box): it suggests Sentry's log keys
 * and the attribute keys of the newest logs, then values; ↑/↓ move, Enter or Tab take one, Esc closes.
 * What the server will leave out of the search (bad syntax) is said under the box.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/
 */
/** `searched`: the text the list was last filtered by (its notes are shown, not those of a half-typed word). */
export function LogSearchBox({ value, searched, onChange }: { value: string; searched: string; onChange: (text: string) => void }) {
  const listId = useId();
  const notesId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [browsing, setBrowsing] = useState(false);
  const [keys, setKeys] = useState<string[] | null>(null);

  const token = open && caret !== null ? tokenAtCaret(value, Math.min(caret, value.length)) : null;
  const stored = useAttributeValues(token);
  const suggestions: Suggestion[] = !token ? []
    : token.key === null ? (token.value || token.bang || browsing ? logKeySuggestions(token, keys ?? [], browsing ? 50 : undefined) : [])
      : logValueSuggestions(token, keys ?? [], stored);
  const shown = open && suggestions.length > 0;
  const problems = useMemo(() => parseLogSearch(searched).problems, [searched]);

  useEffect(() => setActive(-1), [token?.key, token?.value]);

  function loadKeys(): void {
    if (keys !== null) return;
    setKeys([]);
    api().logSearchKeys().then((answer) => setKeys(Array.isArray(answer.keys) ? answer.keys.filter((k): k is string => typeof k === 'string') : []))
      .catch(() => setKeys([]));
  }

  function typed(text: string, at: number | null): void {
    onChange(text);
    setCaret(at);
    setOpen(true);
    setBrowsing(false);
    loadKeys();
  }

  function accept(suggestion: Suggestion): void {
    if (!token) return;
    const next = applySuggestion(value, token, suggestion);
    typed(next.text, next.caret);
    window.requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!shown) { setCaret(e.currentTarget.selectionStart); setOpen(true); setBrowsing(true); loadKeys(); return; }
      e.preventDefault();
      const slots = suggestions.length + 1;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => ((i + 1 + step + slots) % slots) - 1);
      return;
    }
    const chosen = suggestions[active];
    if ((e.key === 'Enter' || e.key === 'Tab') && shown && chosen) { e.preventDefault(); accept(chosen); return; }
    if (e.key === 'Escape' && shown) { e.preventDefault(); setOpen(false); }
  }

  return (
    <div className="log-search">
      <div className="search-box">
        <input ref={input} className="search-input" type="search" placeholder="Search bodies, or customer:c3 severity:error has:key…" value={value}
          role="combobox" aria-expanded={shown} aria-controls={listId} aria-autocomplete="list"
          aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined} aria-describedby={problems.length ? notesId : undefined}
          aria-label="Search logs" data-testid="logs-search" autoComplete="off" spellCheck={false}
          onChange={(e) => typed(e.target.value, e.target.selectionStart)}
          onClick={(e) => setCaret(e.currentTarget.selectionStart)} onKeyDown={onKeyDown} onBlur={() => setOpen(false)} />
        <ul id={listId} role="listbox" aria-label="Search suggestions" className="search-suggestions" hidden={!shown} data-testid="logs-search-suggestions">
          {shown && suggestions.map((s, i) => (
            <li key={s.replacement} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
              data-testid="logs-search-suggestion" onMouseDown={(e) => { e.preventDefault(); accept(s); }}>
              <span className="suggestion-label">{s.label}</span>
              {s.hint && <span className="suggestion-hint">{s.hint}</span>}
            </li>
          ))}
        </ul>
      </div>
      {problems.length > 0 && (
        <ul id={notesId} className="log-search-notes small" data-testid="logs-search-notes" aria-live="polite">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
    </div>
  );
}
