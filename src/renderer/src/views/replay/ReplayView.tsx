import { useEffect, useState } from 'react';
import { api } from '../../api/instance';
import { KeyValueTable, type KeyValueRow } from '../../components/KeyValueTable';
import { RelativeTime } from '../../components/RelativeTime';
import { absoluteTime } from '../../lib/format';
import { messageOf } from '../../lib/errors';
import { hrefOf } from '../../routing/navigation';

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ok'; replay: Record<string, unknown> };

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v.slice(0, 500) : [];
}

function duration(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** `#/replays/ID`: what was captured of a session replay, with its linked errors. */
export function ReplayView({ replayId }: { replayId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    api().replay(replayId).then((r) => {
      if (cancelled) return;
      if (r === null) setState({ kind: 'missing' });
      else if (typeof r === 'object') setState({ kind: 'ok', replay: r as Record<string, unknown> });
      else setState({ kind: 'error', message: 'Unexpected answer from the server' });
    }).catch((err: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [replayId]);

  return (
    <div className="view replay-view" data-testid="replay-view">
      <header className="view-head"><h1>Replay</h1><code className="mono muted">{replayId}</code></header>
      {state.kind === 'loading' && <p className="muted">Loading…</p>}
      {state.kind === 'missing' && (
        <div className="empty not-captured-box" data-testid="replay-not-captured">
          <h2>Replay not captured</h2>
          <p>Lookout never received a recording with this id. Session replay needs the SDK's replay integration
            (for example <code className="mono">Sentry.replayIntegration()</code> with a sample rate above 0).</p>
        </div>
      )}
      {state.kind === 'error' && <div className="error-box" role="alert">{state.message}</div>}
      {state.kind === 'ok' && <ReplaySummary replay={state.replay} />}
    </div>
  );
}

function ReplaySummary({ replay }: { replay: Record<string, unknown> }) {
  const rows: KeyValueRow[] = [
    ['Started', absoluteTime(typeof replay.startMs === 'number' ? replay.startMs : null)], ['Duration', duration(replay.durationMs)],
    ['Type', replay.replayType], ['Segments', replay.segmentCount], ['Browser', replay.browser], ['OS', replay.os],
    ['User', replay.user], ['Environment', replay.environment], ['Release', replay.release], ['SDK', replay.sdk],
  ];
  const errors = list(replay.errors).filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null);
  return (
    <>
      <section className="card"><KeyValueTable rows={rows.filter(([, v]) => v !== null && v !== undefined && v !== '')} /></section>
      <section className="card">
        <h2>Pages</h2>
        <ul className="plain-list">{list(replay.urls).map((u, i) => <li key={i} className="mono small">{String(u)}</li>)}</ul>
      </section>
      <section className="card" data-testid="replay-errors">
        <h2>Errors during this replay ({errors.length})</h2>
        <ul className="plain-list">
          {errors.map((e) => {
            const eventId = typeof e.eventId === 'string' ? e.eventId : '';
            const issueId = typeof e.issueId === 'number' ? e.issueId : null;
            return (
              <li key={eventId}>
                <a href={issueId !== null ? hrefOf({ name: 'issue', issueId, eventId }) : hrefOf({ name: 'event', eventId })}>{String(e.title ?? eventId)}</a>{' '}
                <RelativeTime ms={typeof e.timestamp === 'number' ? e.timestamp : null} />
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
