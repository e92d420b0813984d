import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { applySuggestion, tokenAtCaret, type Suggestion, type TokenAtCaret } from '../lib/search-suggest';

const VALUES_DEBOUNCE_MS = 120;

/** Where a search box's suggestions come from: its keys, the server's values of a key, and how each is suggested. */
export interface SuggestionSource {
  loadKeys(): Promise<{ keys?: unknown }>;
  loadValues(key: string, prefix: string): Promise<{ values?: unknown }>;
  /** Whether the server knows values of `key` (else `valueSuggestions` suggests from what it knows itself). */
  valuesFromServer(key: string): boolean;
  keySuggestions(token: TokenAtCaret, keys: string[], limit?: number): Suggestion[];
  valueSuggestions(token: TokenAtCaret, keys: string[], stored: string[]): Suggestion[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The server's values of the key at the caret from its typed prefix, fetched after a pause in typing; cached per key and prefix. */
function useServerValues(token: TokenAtCaret | null, source: SuggestionSource): string[] {
  const [values, setValues] = useState<string[]>([]);
  const cache = useRef(new Map<string, string[]>());
  const key = token?.key && source.valuesFromServer(token.key) ? token.key : null;
  const prefix = token?.value ?? '';
  useEffect(() => {
    if (!key) { setValues([]); return; }
    const id = `${key}\u0000${prefix}`;
    const cached = cache.current.get(id);
    if (cached) { setValues(cached); return; }
    let live = true;
    const timer = window.setTimeout(() => {
      source.loadValues(key, prefix).then((answer) => {
        const found = strings(answer.values);
        cache.current.set(id, found);
        if (live) setValues(found);
      }).catch(() => { if (live) setValues([]); });
    }, VALUES_DEBOUNCE_MS);
    return () => { live = false; window.clearTimeout(timer); };
  }, [key, prefix, source]);
  return values;
}

/**
 * The state and keys of a search box as an ARIA 1.2 combobox (the issue and log search boxes): it
 * suggests keys for the word at the caret, then that key's values. ↑/↓ move through the suggestions,
 * Enter or Tab takes the highlighted one, Esc closes the list (a second Esc leaves the box).
 * `source` must be stable (a module constant).
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/
 */
export function useSearchCombobox(value: string, onChange: (text: string) => void, source: SuggestionSource) {
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [keys, setKeys] = useState<string[] | null>(null);
  // ↓ on an empty word lists every key; typing alone suggests only once there is something to match.
  const [browsing, setBrowsing] = useState(false);

  const token = open && caret !== null ? tokenAtCaret(value, Math.min(caret, value.length)) : null;
  const stored = useServerValues(token, source);
  const suggestions: Suggestion[] = !token ? []
    : token.key === null ? (token.value || token.bang || browsing ? source.keySuggestions(token, keys ?? [], browsing ? 50 : undefined) : [])
      : source.valueSuggestions(token, keys ?? [], stored);
  const shown = open && suggestions.length > 0;

  useEffect(() => setActive(-1), [token?.key, token?.value]);

  function loadKeys(): void {
    if (keys !== null) return;
    setKeys([]);
    source.loadKeys().then((answer) => setKeys(strings(answer.keys))).catch(() => setKeys([]));
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

  /** The input's combobox props (spread after its own). */
  const inputProps = {
    ref: input, value, role: 'combobox' as const, 'aria-expanded': shown, 'aria-controls': listId, 'aria-autocomplete': 'list' as const,
    'aria-activedescendant': shown && active >= 0 ? `${listId}-${active}` : undefined, autoComplete: 'off', spellCheck: false,
    onChange: (e: { target: HTMLInputElement }) => typed(e.target.value, e.target.selectionStart),
    onClick: (e: { currentTarget: HTMLInputElement }) => setCaret(e.currentTarget.selectionStart),
    onKeyDown, onBlur: () => setOpen(false),
  };
  return { listId, inputProps, suggestions, shown, active, accept };
}

/** The listbox under a search box: `testId` names it, `itemTestId` each option. */
export function SuggestionList({ combobox, testId, itemTestId }: {
  combobox: ReturnType<typeof useSearchCombobox>; testId: string; itemTestId: string;
}) {
  const { listId, shown, suggestions, active, accept } = combobox;
  return (
    <ul id={listId} role="listbox" aria-label="Search suggestions" className="search-suggestions" hidden={!shown} data-testid={testId}>
      {shown && suggestions.map((s, i) => (
        <li key={s.replacement} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
          data-testid={itemTestId}
          // Before the input's blur, so the click lands on a list that is still there.
          onMouseDown={(e) => { e.preventDefault(); accept(s); }}>
          <span className="suggestion-label">{s.label}</span>
          {s.hint && <span className="suggestion-hint">{s.hint}</span>}
        </li>
      ))}
    </ul>
  );
}
