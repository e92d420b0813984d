import { useId, useMemo } from 'react';
import { api } from '../../api/instance';
import { SuggestionList, useSearchCombobox, type SuggestionSource } from '../../components/search-combobox';
import { parseLogSearch } from '../../../../shared/log-search-syntax';
import { logKeySuggestions, logValuesFromServer, logValueSuggestions } from './log-search-suggest';
import '../issues/search-box.css';

/** Sentry's log keys and the attribute keys of the newest logs, then an attribute's values. */
const LOG_SUGGESTIONS: SuggestionSource = {
  loadKeys: () => api().logSearchKeys(),
  loadValues: (key, prefix) => api().logSearchValues(key, prefix),
  valuesFromServer: logValuesFromServer,
  keySuggestions: logKeySuggestions,
  valueSuggestions: logValueSuggestions,
};

/**
 * The Logs search box as an ARIA 1.2 combobox, as the issue search box (components/search-combobox.tsx).
 * What the server will leave out of the search (bad syntax) is said under the box; `searched` is the
 * text the list was last filtered by (its notes are shown, not those of a half-typed word).
 */
export function LogSearchBox({ value, searched, onChange }: { value: string; searched: string; onChange: (text: string) => void }) {
  const notesId = useId();
  const combobox = useSearchCombobox(value, onChange, LOG_SUGGESTIONS);
  const problems = useMemo(() => parseLogSearch(searched).problems, [searched]);
  return (
    <div className="log-search">
      <div className="search-box">
        <input className="search-input" type="search" placeholder="Search bodies, or customer:c3 severity:error has:key…"
          aria-describedby={problems.length ? notesId : undefined} aria-label="Search logs" data-testid="logs-search" {...combobox.inputProps} />
        <SuggestionList combobox={combobox} testId="logs-search-suggestions" itemTestId="logs-search-suggestion" />
      </div>
      {problems.length > 0 && (
        <ul id={notesId} className="log-search-notes small" data-testid="logs-search-notes" aria-live="polite">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
    </div>
  );
}
