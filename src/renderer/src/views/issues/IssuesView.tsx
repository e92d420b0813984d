import { useEffect } from 'react';
import type { IssueFilters } from '../../routing/route';
import { DEFAULT_FILTERS } from '../../routing/route';
import { navigate } from '../../routing/navigation';
import { useStore } from '../../store';
import { SetupGuide } from '../projects/SetupGuide';
import { BulkActions } from './BulkActions';
import { IssueFiltersBar } from './IssueFiltersBar';
import { IssueList } from './IssueList';
import { filtersBeyondText } from '../../lib/lift-filter-tokens';
import { DroppedEventsNotice } from './DroppedEventsNotice';
import { NoErrorsYet } from './NoErrorsYet';
import { ISSUE_LIST_HEADING_ID } from './issue-row-focus';
import { NewIssuesAnnouncer } from './NewIssuesAnnouncer';
import { useReturnFocus } from './use-return-focus';

const STATUS_WORDS: Record<string, string> = { resolved: 'resolved', ignored: 'ignored', all: '' };

/** The live issue list: filters from the URL, virtualized rows, bulk actions, new issues said to screen readers. */
export function IssuesView({ filters }: { filters: IssueFilters }) {
  const setFilters = useStore((s) => s.setFilters);
  const rows = useStore((s) => s.rows);
  const loading = useStore((s) => s.listLoading);
  const error = useStore((s) => s.listError);
  const pendingNew = useStore((s) => s.pendingNew);
  const searchNotes = useStore((s) => s.searchNotes);
  const reload = useStore((s) => s.reloadIssues);
  const projects = useStore((s) => s.projects);
  const projectsLoaded = useStore((s) => s.projectsLoaded);

  useEffect(() => setFilters(filters), [filters, setFilters]);
  useReturnFocus();

  const filtered = JSON.stringify(filters) !== JSON.stringify(DEFAULT_FILTERS);
  // Only another status tab: nothing to clear, the tab is the choice.
  const onlyStatus = JSON.stringify({ ...filters, status: DEFAULT_FILTERS.status }) === JSON.stringify(DEFAULT_FILTERS);
  const nothingYet = projectsLoaded && projects.length === 0 && rows.length === 0 && !filtered;
  // Said with the text searched: a level or environment filtering too is not left for the user to guess.
  const beyondText = filtersBeyondText(filters).map((f) => f.token);
  const noMatch = beyondText.length > 0
    ? `No issues ${filters.query ? `match “${filters.query}” with` : 'with'} ${beyondText.join(', ')}.`
    : 'No issues match these filters.';

  return (
    <div className="view issues-view">
      <header className="view-head">
        <h1 id={ISSUE_LIST_HEADING_ID} tabIndex={-1}>Issues</h1>
        {loading && <span className="spinner" aria-label="Loading" />}
      </header>
      <NewIssuesAnnouncer filters={filters} />
      <DroppedEventsNotice project={filters.project} query={filters.query} />
      <IssueFiltersBar filters={filters} />
      {searchNotes.map((note) => <p key={note} className="search-note muted small" role="status" data-testid="search-note">{note}</p>)}
      {pendingNew > 0 && (
        <button type="button" className="new-banner" onClick={() => void reload()} data-testid="new-issues-banner">
          {pendingNew} new issue{pendingNew === 1 ? '' : 's'} — show
        </button>
      )}
      {error && <div className="error-box" role="alert">Could not load issues: {error} <button type="button" className="link-btn" onClick={() => void reload()}>Retry</button></div>}
      {nothingYet ? (
        <SetupGuide compact />
      ) : (
        <>
          <BulkActions />
          {rows.length === 0 && !loading ? (
            <div className="empty" data-testid="issues-empty">
              {!filtered ? <NoErrorsYet /> : <p>{onlyStatus ? `No ${[STATUS_WORDS[filters.status], 'issues'].filter(Boolean).join(' ')}.` : noMatch}</p>}
              {filtered && !onlyStatus && <button type="button" className="btn" onClick={() => navigate({ name: 'issues', filters: DEFAULT_FILTERS })}>Clear filters</button>}
            </div>
          ) : (
            <IssueList />
          )}
        </>
      )}
    </div>
  );
}
