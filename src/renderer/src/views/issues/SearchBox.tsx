import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api/instance';
import { applySuggestion, keySuggestions, tokenAtCaret, valuesFromStore, valueSuggestions, type Suggestion, type TokenAtCaret } from '../../lib/search-suggest';
import './search-box.css';

const VALUES_DEBOUNCE_MS = 120;

/** The store's values of one key from a typed prefix, fetched after a pause in typing; cached per key and prefix. */
function useStoredValues(token: TokenAtCaret | null): string[] {
  const [values, setValues] = useState<string[]>([]);
  const cache = useRef(new Map<string, string[]>());
  const key = token?.key && valuesFromStore(token.key) ? token.key : null;
  const prefix = token?.value ?? '';
  useEffect(() => {
    if (!key) { setValues([]); return; }
    const id = `${key}\u0000${prefix}`;
    const cached = cache.current.get(id);
    if (cached) { setValues(cached); return; }
    let live = true;
    const timer = window.setTimeout(() => {
      api().searchValues(key, prefix).then((answer) => {
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
 * The issue search box as an ARIA 1.2 combobox: it suggests Sentry's keys and the store's tag keys
 * for the word at the caret, then that key's values. ↑/↓ move through the suggestions, Enter or Tab
 * takes the highlighted one, Esc closes the list (a second Esc leaves the box, as before).
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/
 */
export function SearchBox({ id, value, onChange, placeholder, title }: {
  id: string; value: string; onChange: (text: string) => void; placeholder: string; title: string;
}) {
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [tagKeys, setTagKeys] = useState<string[] | null>(null);
  // ↓ on an empty word lists every key; typing alone suggests only once there is something to match.
  const [browsing, setBrowsing] = useState(false);

  const token = open && caret !== null ? tokenAtCaret(value, Math.min(caret, value.length)) : null;
  const stored = useStoredValues(token);
  const suggestions: Suggestion[] = !token ? []
    : token.key === null ? (token.value || token.bang || browsing ? keySuggestions(token, tagKeys ?? [], browsing ? 50 : undefined) : [])
      : valueSuggestions(token, tagKeys ?? [], stored);
  const shown = open && suggestions.length > 0;

  useEffect(() => setActive(-1), [token?.key, token?.value]);

  function loadKeys(): void {
    if (tagKeys !== null) return;
    setTagKeys([]);
    api().searchKeys().then((answer) => setTagKeys(Array.isArray(answer.keys) ? answer.keys.filter((k): k is string => typeof k === 'string') : []))
      .catch(() => setTagKeys([]));
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
      // -1 (none highlighted, the text as typed) and each suggestion, round and round.
      const slots = suggestions.length + 1;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => ((i + 1 + step + slots) % slots) - 1);
      return;
    }
    const chosen = suggestions[active];
    if ((e.key === 'Enter' || e.key === 'Tab') && shown && chosen) { e.preventDefault(); accept(chosen); return; }
    // Closing the list is this Esc's whole job; the next one leaves the box (the app's shortcut).
    if (e.key === 'Escape' && shown) { e.preventDefault(); setOpen(false); }
  }

  const activeId = shown && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <div className="search-box">
      <input ref={input} id={id} className="search-input" type="search" placeholder={placeholder} title={title} value={value}
        role="combobox" aria-expanded={shown} aria-controls={listId} aria-autocomplete="list" aria-activedescendant={activeId}
        aria-label="Search issues" data-testid="search-input" autoComplete="off" spellCheck={false}
        onChange={(e) => typed(e.target.value, e.target.selectionStart)}
        onClick={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)} />
      <ul id={listId} role="listbox" aria-label="Search suggestions" className="search-suggestions" hidden={!shown} data-testid="search-suggestions">
        {shown && suggestions.map((s, i) => (
          <li key={s.replacement} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
            data-testid="search-suggestion"
            // Before the input's blur, so the click lands on a list that is still there.
            onMouseDown={(e) => { e.preventDefault(); accept(s); }}>
            <span className="suggestion-label">{s.label}</span>
            {s.hint && <span className="suggestion-hint">{s.hint}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
