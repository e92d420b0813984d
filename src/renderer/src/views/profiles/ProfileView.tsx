import { useEffect, useState } from 'react';
import type { ProfileResponse } from '../../../../shared/api-profile';
import { api } from '../../api/instance';
import { formatMs } from '../../lib/flame-layout';
import { messageOf } from '../../lib/errors';
import { hrefOf } from '../../routing/navigation';
import type { ProfileSourceKind } from '../../routing/route';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { ItemPayload } from '../stream/ItemPayload';
import { FlameGraph } from './FlameGraph';
import { FunctionsTable } from './FunctionsTable';

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ok'; profile: ProfileResponse };

const SOURCE_LABEL: Record<ProfileResponse['source']['kind'], string> = {
  profile: 'Transaction profile', profile_chunk: 'Profile chunk', chunks: 'Continuous profile',
};

function Facts({ profile, threadMs }: { profile: ProfileResponse; threadMs: number | null }) {
  const s = profile.source;
  return (
    <dl className="trace-facts" data-testid="profile-facts">
      <div><dt>Kind</dt><dd>{SOURCE_LABEL[s.kind]}</dd></div>
      {s.platform && <div><dt>Platform</dt><dd>{s.platform}</dd></div>}
      <div><dt>Thread time</dt><dd data-testid="profile-duration">{threadMs === null ? '—' : formatMs(threadMs)}</dd></div>
      <div><dt>Samples</dt><dd>{profile.samplesProcessed.toLocaleString()}{profile.samplesCapped ? ` of ${profile.samplesTotal.toLocaleString()}` : ''}</dd></div>
      {s.kind === 'chunks' && <div><dt>Chunks</dt><dd>{s.itemSeqs.length}</dd></div>}
      {s.release && <div><dt>Release</dt><dd>{s.release}</dd></div>}
      {s.traceId && <div><dt>Trace</dt><dd><a href={hrefOf({ name: 'trace', traceId: s.traceId })} className="mono">{s.traceId.slice(0, 8)}</a></dd></div>}
      {s.transactionId && <div><dt>Transaction</dt><dd><a href={hrefOf({ name: 'event', eventId: s.transactionId })} className="mono">{s.transactionId.slice(0, 8)}</a></dd></div>}
    </dl>
  );
}

/** Where the profile was opened from: its trace, its transaction's event page, or the Stream. */
function BackLink({ source, id }: { source: ProfileSourceKind; id: string }) {
  if (source === 'trace') return <a href={hrefOf({ name: 'trace', traceId: id })} className="muted">Trace</a>;
  if (source === 'event') return <a href={hrefOf({ name: 'event', eventId: id })} className="muted" data-testid="profile-back-event">Transaction</a>;
  return <a href={hrefOf({ name: 'stream' })} className="muted">Stream</a>;
}

/** `#/profiles/{item|event|trace}/ID`: a flame graph and the slowest functions, per thread. */
export function ProfileView({ source, id }: { source: ProfileSourceKind; id: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [threadId, setThreadId] = useState<string | null>(null);
  const [showRaw, setShowRaw] = useState(false);
  const retry = useRetryOnReconnect(state.kind === 'error');
  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    api().profile(source, id)
      .then((profile) => !cancelled && setState(profile ? { kind: 'ok', profile } : { kind: 'missing' }))
      .catch((err: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [source, id, retry]);

  const profile = state.kind === 'ok' ? state.profile : null;
  const thread = profile?.threads.find((t) => t.id === threadId) ?? profile?.threads[0] ?? null;
  const title = profile?.source.transactionName ?? (source === 'trace' ? 'Trace profile' : 'Profile');
  return (
    <div className="view profile-view" data-testid="profile-view">
      <header className="view-head">
        <BackLink source={source} id={id} />
        <span className="muted">/</span>
        <h1 className="ellipsis" data-testid="profile-title">{title}</h1>
      </header>
      {state.kind === 'loading' && <p className="muted" data-testid="profile-loading">Aggregating the profile…</p>}
      {state.kind === 'missing' && (
        <div className="empty" data-testid="profile-missing">
          <h2>No profile here</h2>
          <p>Nothing profiled was found for this {source}. Transaction profiles name their transaction; continuous profiling sends
            chunks tied to a transaction or trace by its <code className="mono">profiler_id</code> and their samples' times.</p>
        </div>
      )}
      {state.kind === 'error' && <div className="error-box" role="alert">Could not load the profile: {state.message}</div>}
      {profile && (
        <>
          <Facts profile={profile} threadMs={thread?.durationMs ?? null} />
          {profile.problems.length > 0 && (
            <ul className="notice profile-problems" data-testid="profile-problems">
              {profile.problems.map((p, i) => <li key={i}>{p.message}</li>)}
            </ul>
          )}
          {profile.threads.length > 1 && (
            <label className="profile-thread-picker">
              <span>Thread</span>
              <select value={thread?.id ?? ''} onChange={(e) => setThreadId(e.target.value)} data-testid="profile-thread">
                {profile.threads.map((t) => (
                  <option key={t.id} value={t.id}>{`${t.name ?? 'thread'} (${t.id})${t.active ? ' · active' : ''} · ${t.sampleCount.toLocaleString()} samples`}</option>
                ))}
              </select>
            </label>
          )}
          {thread ? (
            <>
              <FlameGraph key={thread.id} frames={profile.frames} thread={thread} />
              <FunctionsTable frames={profile.frames} thread={thread} />
            </>
          ) : <div className="empty" data-testid="profile-empty"><p>No sample could be read from this profile.</p></div>}
          {source === 'item' && (
            <section className="profile-raw">
              <button type="button" className="btn btn-small" onClick={() => setShowRaw(!showRaw)} aria-expanded={showRaw}>
                {showRaw ? 'Hide the payload' : 'Show the payload as sent'}
              </button>
              {showRaw && <ItemPayload seq={Number(id)} />}
            </section>
          )}
        </>
      )}
    </div>
  );
}
