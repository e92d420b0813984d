import { useRetryOnReconnect } from '../store/use-retry-on-reconnect';
import { useEffect, useState } from 'react';
import type { ReplaySummary } from '../../../shared/api-types';
import { api } from '../api/instance';
import { RelativeTime } from '../components/RelativeTime';
import { messageOf } from '../lib/errors';
import { hrefOf, navigate } from '../routing/navigation';
import { durationLabel } from './replay-time';
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

/** `#/replays`: captured session replays, newest first. */
export function ReplaysList({ project }: { project?: number }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const retry = useRetryOnReconnect(state.kind === 'error');
  useEffect(() => {
    let cancelled = false;
    api().replays({ project })
      .then((replays) => !cancelled && setState({ kind: 'ok', replays }))
      .catch((err: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [project, retry]);

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
            <tr><th>Started</th><th>Duration</th><th>URL</th><th>Browser</th><th>User</th><th className="num">Errors</th></tr>
          </thead>
          <tbody>
            {state.replays.map((r) => (
              <tr key={r.replayId} data-testid="replay-row" data-replay-id={r.replayId}
                onClick={(e) => { if (!(e.target instanceof HTMLAnchorElement)) navigate({ name: 'replay', replayId: r.replayId }); }}>
                <td><a href={hrefOf({ name: 'replay', replayId: r.replayId })}><RelativeTime ms={r.startMs ?? r.received} /></a></td>
                <td className={r.segmentCount === 0 ? 'muted' : 'mono'} data-testid="replay-duration"
                  title={r.segmentCount === 0 ? 'Only the replay\'s metadata arrived, none of its recording' : undefined}>
                  {durationLabel(r.segmentCount, r.durationMs)}
                </td>
                <td className="mono ellipsis replays-url" title={r.urls.join('\n')}>{shortUrl(r.urls[0])}</td>
                <td>{[r.browser, r.os].filter(Boolean).join(' · ') || '—'}</td>
                <td className="ellipsis">{r.user ?? '—'}</td>
                <td className={`num${r.errorCount > 0 ? ' error-text' : ''}`} data-testid="replay-error-count">{r.errorCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
