import { api } from '../../api/instance';
import { SuggestionList, useSearchCombobox, type SuggestionSource } from '../../components/search-combobox';
import { keySuggestions, valuesFromStore, valueSuggestions } from '../../lib/search-suggest';
import './search-box.css';

/** Sentry's issue keys and the store's tag keys, then the store's values of a tag. */
const ISSUE_SUGGESTIONS: SuggestionSource = {
  loadKeys: () => api().searchKeys(),
  loadValues: (key, prefix) => api().searchValues(key, prefix),
  valuesFromServer: valuesFromStore,
  keySuggestions,
  valueSuggestions,
};

/**
 * The issue search box as an ARIA 1.2 combobox: it suggests Sentry's keys and the store's tag keys
 * for the word at the caret, then that key's values (components/search-combobox.tsx).
 */
export function SearchBox({ id, value, onChange, placeholder, title }: {
  id: string; value: string; onChange: (text: string) => void; placeholder: string; title: string;
}) {
  const combobox = useSearchCombobox(value, onChange, ISSUE_SUGGESTIONS);
  return (
    <div className="search-box">
      <input id={id} className="search-input" type="search" placeholder={placeholder} title={title}
        aria-label="Search issues" data-testid="search-input" {...combobox.inputProps} />
      <SuggestionList combobox={combobox} testId="search-suggestions" itemTestId="search-suggestion" />
    </div>
  );
}
