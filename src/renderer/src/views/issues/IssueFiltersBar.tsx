import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../store';
import { navigate } from '../../routing/navigation';
import type { IssueFilters, IssueSort } from '../../routing/route';
import { liftFilterTokens } from '../../lib/lift-filter-tokens';
import { categoryMenuValue, PERFORMANCE_TYPE_OPTIONS, typeMenuValue, withCategory, withType } from '../../lib/category-menu';
import { hasProjectToken, projectMenuValue, withProject } from '../../lib/project-menu';
import { SearchBox } from './SearchBox';
import { FilterChips } from './FilterChips';

const SEARCH_DEBOUNCE_MS = 250;
// Keys start in lower case (`feature:`, `timesSeen:`): `TypeError:` typed as text still searches.
const KEY_WITHOUT_VALUE = /(?:^|\s)!?[a-z][\w.-]*:$/;
const LEVELS = ['fatal', 'error', 'warning', 'info', 'debug'];
const STATUSES: [IssueFilters['status'], string][] = [
  ['unresolved', 'Unresolved'], ['resolved', 'Resolved'], ['ignored', 'Ignored'], ['all', 'All'],
];
const SORTS: [IssueSort, string][] = [
  ['last_seen', 'Last seen'], ['first_seen', 'First seen'], ['count', 'Events'], ['users', 'Users'],
];

export const SEARCH_INPUT_ID = 'issue-search';
/** Sentry's name for the newest release of each project searched, offered in the Release menu. */
const LATEST_RELEASE = 'latest';

/** True while the current history entry is a search being typed (Back or Forward ends it). */
let typingEntry = false;
if (typeof window !== 'undefined') window.addEventListener('popstate', () => { typingEntry = false; });

/**
 * A picked tab, sort or field is a history entry of its own (Back returns to the list as it was,
 * as in Sentry). A search is one entry however many times it is written while typed.
 */
function go(filters: IssueFilters, how: 'pick' | 'type' = 'pick'): void {
  navigate({ name: 'issues', filters }, { replace: how === 'type' && typingEntry });
  typingEntry = how === 'type';
}

/**
 * The search box's tooltip: the free-text rule and the keys the server reads (`core/api/issue-search.ts`).
 * @see https://docs.sentry.io/concepts/search/
 */
export const SEARCH_HELP = 'Free text matches the title, culprit and message as one phrase (any case, * wildcards). '
  + 'Filters as in Sentry: is:unresolved|resolved|ignored, is:new|regressed|ongoing, project:NAME, level:, has:, '
  + 'timesSeen:>10, firstSeen:-24h, lastSeen:+7d, any tag as key:value (quotes for spaces), user.id: / user.email:, '
  + 'error.type:, error.value:, message:, error.handled:, issue.category:performance; ! to exclude, [a,b] for any of.';

/** Search, status, sort and field filters. Every change is written to the URL. */
export function IssueFiltersBar({ filters }: { filters: IssueFilters }) {
  const projects = useStore((s) => s.projects);
  const rows = useStore((s) => s.rows);
  const [text, setText] = useState(filters.query ?? '');
  const category = categoryMenuValue(filters.query);
  const type = typeMenuValue(filters.query);
  const projectMenu = projectMenuValue(filters.query, filters.project, projects);
  // With a `project:` token the search is the one source: the menu rewrites (or drops) the token.
  const pickProject = (value: string): void => {
    const picked = projects.find((p) => String(p.id) === value);
    if (hasProjectToken(filters.query)) go({ ...filters, project: undefined, query: withProject(filters.query, picked?.name ?? null) });
    else go({ ...filters, project: picked?.id });
  };

  // The URL holds the search trimmed: a space just typed (to start the next word) is kept.
  useEffect(() => setText((typed) => (typed.trim() === (filters.query ?? '') ? typed : filters.query ?? '')), [filters.query]);
  useEffect(() => {
    if ((filters.query ?? '') === text.trim()) return;
    // A key still waiting for its value (`feature:`, picked from the suggestions) filters nothing yet.
    if (KEY_WITHOUT_VALUE.test(text.trim())) return;
    const t = window.setTimeout(() => {
      // `is:` and `level:` go to the tabs and the level menu, which then show what filters.
      const lifted = liftFilterTokens(text.trim());
      if (lifted.query !== text.trim()) setText(lifted.query);
      go({ ...filters, query: lifted.query || undefined, status: lifted.status ?? filters.status, level: lifted.level ?? filters.level }, 'type');
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, filters]);

  // Suggestions from what is loaded; free text is allowed too.
  const environments = useMemo(() => [...new Set(rows.flatMap((r) => (Array.isArray(r.environments) ? r.environments : [])))].slice(0, 50), [rows]);
  // `latest` first: the server reads it as the newest release of each project in scope, as `release:latest` (core/api/issue-search-release.ts).
  const releases = useMemo(() => [LATEST_RELEASE, ...new Set(rows.flatMap((r) => [r.firstRelease, r.lastRelease])
    .filter((v): v is string => !!v && v !== LATEST_RELEASE))].slice(0, 50), [rows]);

  return (
    <div className="filters">
      <div className="filters-row">
        <SearchBox id={SEARCH_INPUT_ID} value={text} onChange={setText}
          placeholder="Search issues or filter (level:warning browser.name:Firefox)…  ( / )"
          title={SEARCH_HELP} />
        <FilterChips filters={filters} onRemove={(field) => go({ ...filters, [field]: undefined })} />
        <div className="segmented" role="group" aria-label="Status">
          {STATUSES.map(([value, label]) => (
            <button key={value} type="button" className={filters.status === value ? 'active' : ''} aria-pressed={filters.status === value}
              onClick={() => go({ ...filters, status: value })} data-testid={`status-filter-${value}`}>{label}</button>
          ))}
        </div>
        <label className="select-label">Sort
          <select value={filters.sort} onChange={(e) => go({ ...filters, sort: e.target.value as IssueSort })} data-testid="sort-select">
            {SORTS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </label>
      </div>
      <div className="filters-row filters-fields">
        <select value={projectMenu} aria-label="Project" data-testid="project-filter" onChange={(e) => pickProject(e.target.value)}>
          {projectMenu === 'search' && <option value="search" disabled>Projects from the search</option>}
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <select value={filters.level ?? ''} aria-label="Level" data-testid="level-filter"
          onChange={(e) => go({ ...filters, level: e.target.value || undefined })}>
          <option value="">Any level</option>
          {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
        <select value={category} aria-label="Category" data-testid="category-filter"
          onChange={(e) => go({ ...filters, query: withCategory(filters.query, e.target.value === 'performance' || e.target.value === 'error' || e.target.value === 'cron' ? e.target.value : '') })}>
          {category === 'none' && <option value="none" disabled>No category (the search rules out all)</option>}
          {category === 'some' && <option value="some" disabled>Categories from the search</option>}
          <option value="">All categories</option>
          <option value="error">Errors</option>
          <option value="performance">Performance</option>
          <option value="cron">Crons</option>
        </select>
        {(category === '' || category === 'performance') && (
          <select value={type} aria-label="Performance issue type" data-testid="type-filter"
            onChange={(e) => go({ ...filters, query: withType(filters.query, PERFORMANCE_TYPE_OPTIONS.find(([slug]) => slug === e.target.value)?.[0] ?? '') })}>
            {type === 'other' && <option value="other" disabled>Types from the search</option>}
            <option value="">Any type</option>
            {PERFORMANCE_TYPE_OPTIONS.map(([slug, title]) => <option key={slug} value={slug}>{title}</option>)}
          </select>
        )}
        <FieldInput label="Environment" value={filters.environment} options={environments} testId="environment-filter"
          onCommit={(v) => go({ ...filters, environment: v })} />
        <FieldInput label="Release" value={filters.release} options={releases} testId="release-filter"
          onCommit={(v) => go({ ...filters, release: v })} />
      </div>
    </div>
  );
}

/** Text filter with suggestions, applied on Enter or blur. */
function FieldInput({ label, value, options, testId, onCommit }: {
  label: string; value: string | undefined; options: string[]; testId: string; onCommit: (v: string | undefined) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const listId = `${testId}-options`;
  const commit = (): void => { if ((value ?? '') !== draft.trim()) onCommit(draft.trim() || undefined); };
  return (
    <>
      <input className="field-input" placeholder={label} aria-label={label} list={listId} value={draft} data-testid={testId}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />
      <datalist id={listId}>{options.map((o) => <option key={o} value={o} />)}</datalist>
    </>
  );
}
