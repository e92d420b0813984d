import { useRetryOnReconnect } from '../store/use-retry-on-reconnect';
import { useEffect, useState } from 'react';
import type { ReplaySort, ReplaySummary } from '../../../shared/api-types';
import { api } from '../api/instance';
import { RelativeTime } from '../components/RelativeTime';
import { messageOf } from '../lib/errors';
import { hrefOf, navigate } from '../routing/navigation';
import { DEFAULT_REPLAY_SORT } from '../routing/route';
import { durationLabel } from './replay-time';
import '../components/sr-only.css';
import './replay.css';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; replays: ReplaySummary[] };

/** The recorded page, without the origin when it is the usual local one. */
function shortUrl(url: string | undefined): string {
  if (!url) return '—';
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** What a screen reader hears before a row's start time: `Replay of shop.test/checkout by ada@example.com, 0:05`. */
function replayLinkText(r: ReplaySummary): string {
  const user = r.user ? ` by ${r.user}` : '';
  return `Replay of ${shortUrl(r.urls[0])}${user}, ${durationLabel(r.segmentCount, r.durationMs)}`;
}

type SortKey = 'started_at' | 'count_dead_clicks' | 'count_rage_clicks';

/**
 * A column header the list sorts by, as Sentry's replays table: the first click sorts most / newest
 * first, the next reverses.
 */
function SortHeader({ label, sortKey, sort, onSort, title }: {
  label: string; sortKey: SortKey; sort: ReplaySort; onSort: (s: ReplaySort) => void; title?: string;
}) {
  const active = sort === sortKey || sort === `-${sortKey}`;
  const desc = sort.startsWith('-');
  return (
    <th scope="col" className={sortKey === 'started_at' ? undefined : 'num'} title={title}
      aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link-btn" data-testid={`replays-sort-${sortKey}`}
        onClick={() => onSort(active && desc ? sortKey : `-${sortKey}`)}>
        {label}{active ? (desc ? ' ▾' : ' ▴') : ''}
      </button>
    </th>
  );
}

/**
 * `#/replays?sort=`: captured session replays, newest first or by their dead or rage clicks. The sort is
 * in the URL, as Sentry's `?sort=-count_dead_clicks`, so a reload or a shared link keeps it.
 */
export function ReplaysList({ project, sort = DEFAULT_REPLAY_SORT }: { project?: number; sort?: ReplaySort }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  // A picked sort is a history entry of its own, as the issue list's.
  const setSort = (picked: ReplaySort): void => navigate({ name: 'replays', ...(project !== undefined ? { project } : {}), sort: picked });
  const retry = useRetryOnReconnect(state.kind === 'error');
  useEffect(() => {
    let cancelled = false;
    api().replays({ project, sort })
      .then((replays) => !cancelled && setState({ kind: 'ok', replays }))
      .catch((err: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [project, sort, retry]);

  return (
    <div className="view replays-view" data-testid="replays-view">
      <header className="view-head"><h1>Replays</h1></header>
      {state.kind === 'loading' && <p className="muted">Loading…</p>}
      {state.kind === 'error' && <div className="error-box" role="alert">Could not load replays: {state.message}</div>}
      {state.kind === 'ok' && state.replays.length === 0 && (
        <div className="empty" data-testid="replays-empty">
          <p>No replay captured yet. Add <code className="mono">Sentry.replayIntegration()</code> to a browser SDK
            and set <code className="mono">replaysSessionSampleRate</code> or <code className="mono">replaysOnErrorSampleRate</code>.</p>
        </div>
      )}
      {state.kind === 'ok' && state.replays.length > 0 && (
        <table className="replays-table">
          <thead>
            <tr>
              <SortHeader label="Started" sortKey="started_at" sort={sort} onSort={setSort} />
              <th>Duration</th><th>URL</th><th>Browser</th><th>User</th>
              <SortHeader label="Dead" sortKey="count_dead_clicks" sort={sort} onSort={setSort}
                title="Dead clicks: a link, button or input that did not react within 7 s (rage clicks included)" />
              <SortHeader label="Rage" sortKey="count_rage_clicks" sort={sort} onSort={setSort}
                title="Rage clicks: a dead click clicked five times or more" />
              <th className="num">Errors</th>
            </tr>
          </thead>
          <tbody>
            {state.replays.map((r) => (
              <tr key={r.replayId} data-testid="replay-row" data-replay-id={r.replayId}
                onClick={(e) => { if (!(e.target instanceof HTMLAnchorElement)) navigate({ name: 'replay', replayId: r.replayId }); }}>
                <td>
                  {/* Named by what tells replays apart (page, user, length), not only "3m ago". */}
                  <a href={hrefOf({ name: 'replay', replayId: r.replayId })} data-testid="replay-link">
                    <span className="sr-only">{replayLinkText(r)}, started </span><RelativeTime ms={r.startMs ?? r.received} />
                  </a>
                </td>
                <td className={r.segmentCount === 0 ? 'muted' : 'mono'} data-testid="replay-duration"
                  title={r.segmentCount === 0 ? 'Only the replay\'s metadata arrived, none of its recording' : undefined}>
                  {durationLabel(r.segmentCount, r.durationMs)}
                </td>
                <td className="mono ellipsis replays-url" title={r.urls.join('\n')}>{shortUrl(r.urls[0])}</td>
                <td>{[r.browser, r.os].filter(Boolean).join(' · ') || '—'}</td>
                <td className="ellipsis">{r.user ?? '—'}</td>
                <td className={`num${r.deadClicks > 0 ? '' : ' muted'}`} data-testid="replay-dead-clicks">{r.deadClicks}</td>
                <td className={`num${r.rageClicks > 0 ? ' error-text' : ' muted'}`} data-testid="replay-rage-clicks">{r.rageClicks}</td>
                <td className={`num${r.errorCount > 0 ? ' error-text' : ''}`} data-testid="replay-error-count">{r.errorCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
