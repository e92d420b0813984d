import type { IssueFilters } from '../../routing/route';
import { filtersBeyondText, type FilterBeyondText } from '../../lib/lift-filter-tokens';

/**
 * The filters that apply besides the search text (a `level:` typed and lifted into the level menu,
 * an environment or release picked below), as removable chips beside the box: replacing the text
 * cannot leave one filtering unseen, and clearing the box still shows what filters.
 */
export function FilterChips({ filters, onRemove }: { filters: IssueFilters; onRemove: (field: FilterBeyondText['field']) => void }) {
  const chips = filtersBeyondText(filters);
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Other filters" data-testid="filter-chips">
      <li className="filter-chips-label" aria-hidden="true">{filters.query ? 'and' : 'Filtered by'}</li>
      {chips.map((chip) => (
        <li key={chip.field}>
          <button type="button" className="filter-chip" onClick={() => onRemove(chip.field)} aria-label={`Remove filter ${chip.token}`}
            title={`Remove filter ${chip.token}`} data-testid={`filter-chip-${chip.field}`}>
            {chip.token}<span className="filter-chip-x" aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
