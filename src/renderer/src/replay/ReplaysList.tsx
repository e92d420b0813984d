import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplaySort, ReplaySummary } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import { navigate } from '../routing/navigation';
import { DEFAULT_REPLAY_SORT } from '../routing/route';
import { useRetryOnReconnect } from '../store/use-retry-on-reconnect';
import { useProjectNames } from '../store/use-project-names';
import { ReplayListRow } from './ReplayListRow';
import { useReplayArrivals } from './replay-arrivals';
import './replay.css';
import './replays-list.css';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; replays: ReplaySummary[] };

type SortKey = 'started_at' | 'duration' | 'activity' | 'count_dead_clicks' | 'count_rage_clicks' | 'count_errors';

/** A search is sent this long after the last key press, not per key. */
const SEARCH_DELAY_MS = 250;

/**
 * A column header the list sorts by, as Sentry's replays table: the first click sorts most / newest
 * first, the next reverses.
 */
function SortHeader({ label, sortKey, sort, onSort, title, className }: {
  label: string; sortKey: SortKey; sort: ReplaySort; onSort: (s: ReplaySort) => void; title?: string; className?: string;
}) {
  const active = sort === sortKey || sort === `-${sortKey}`;
  const desc = sort.startsWith('-');
  return (
    <th scope="col" className={className} title={title} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link-btn" data-testid={`replays-sort-${sortKey}`}
        onClick={() => onSort(active && desc ? sortKey : `-${sortKey}`)}>
        {label}{active ? (desc ? ' ▾' : ' ▴') : ''}
      </button>
    </th>
  );
}

/** The list as the server answers it for this sort, project and search, read again as replay items stream in. */
function useReplays(project: number | undefined, sort: ReplaySort, query: string): State {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const retry = useRetryOnReconnect(state.kind === 'error');
  const current = useRef(0);
  const read = useCallback(async (): Promise<void> => {
    const ticket = ++current.current;
    try {
      const replays = await api().replays({ project, sort, query: query || undefined });
      if (ticket === current.current) setState({ kind: 'ok', replays });
    } catch (err) {
      if (ticket === current.current) setState({ kind: 'error', message: messageOf(err) });
    }
  }, [project, sort, query]);
  useEffect(() => {
    void read();
    return () => { current.current++; };
  }, [read, retry]);
  // New replays and new segments of listed ones (durations, counts) arrive on the live stream.
  useReplayArrivals(null, read);
  return state;
}

/**
 * `#/replays?sort=`: captured session replays, newest first or by duration, activity, dead or rage
 * clicks or errors (the sort in the URL, as Sentry's `?sort=-count_dead_clicks`), searched by URL or
 * user, kept current by the live stream.
 */
export function ReplaysList({ project, sort = DEFAULT_REPLAY_SORT }: { project?: number; sort?: ReplaySort }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const state = useReplays(project, sort, query);
  const names = useProjectNames();
  // A picked sort is a history entry of its own, as the issue list's.
  const setSort = (picked: ReplaySort): void => navigate({ name: 'replays', ...(project !== undefined ? { project } : {}), sort: picked });
  const many = state.kind === 'ok' && new Set(state.replays.map((r) => r.projectId)).size > 1;
  const header = { sort, onSort: setSort };

  return (
    <div className="view replays-view" data-testid="replays-view">
      <header className="view-head"><h1>Replays</h1></header>
      <div className="filters-row">
        <input className="search-input" type="search" value={text} onChange={(e) => setText(e.target.value)}
          placeholder="Search URL or user: checkout, url:/cart, user.email:ada@" aria-label="Search replays" data-testid="replays-search"
          title="A word matches the replay's pages or its user (e-mail, username, id or IP); url: and user.email: (user.id:, user.username:, user.ip:) look in one" />
      </div>
      {state.kind === 'loading' && <p className="muted">Loading…</p>}
      {state.kind === 'error' && <div className="error-box" role="alert">Could not load replays: {state.message}</div>}
      {state.kind === 'ok' && state.replays.length === 0 && (query ? (
        <p className="muted" data-testid="replays-no-match">No replay matches “{query}”.</p>
      ) : (
        <div className="empty" data-testid="replays-empty">
          <p>No replay captured yet. Add <code className="mono">Sentry.replayIntegration()</code> to a browser SDK
            and set <code className="mono">replaysSessionSampleRate</code> or <code className="mono">replaysOnErrorSampleRate</code>.</p>
        </div>
      ))}
      {state.kind === 'ok' && state.replays.length > 0 && (
        <div className="replays-table-wrap">
        <table className={`replays-table replays-list-table${many ? ' with-project' : ''}`} data-testid="replays-table">
          <thead>
            <tr>
              <SortHeader label="Started" sortKey="started_at" {...header} />
              <SortHeader label="Duration" sortKey="duration" {...header} className="col-duration" />
              <th scope="col">URL</th>
              <th scope="col" className="replays-browser">Browser</th>
              <th scope="col" className="col-user">User</th>
              {many && <th scope="col" className="col-project">Project</th>}
              <SortHeader label="Activity" sortKey="activity" {...header} className="num col-activity"
                title="Activity, 1–10 as Sentry scores it: (errors × 25 + pages visited × 5) ÷ 10" />
              <SortHeader label="Dead" sortKey="count_dead_clicks" {...header} className="num col-count"
                title="Dead clicks: a link, button or input that did not react within 7 s (rage clicks included)" />
              <SortHeader label="Rage" sortKey="count_rage_clicks" {...header} className="num col-count"
                title="Rage clicks: a dead click clicked five times or more" />
              <SortHeader label="Errors" sortKey="count_errors" {...header} className="num col-errors" />
            </tr>
          </thead>
          <tbody>
            {state.replays.map((r) => (
              <ReplayListRow key={r.replayId} r={r} projectName={many ? (names.get(r.projectId) ?? null) : undefined} />
            ))}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}
