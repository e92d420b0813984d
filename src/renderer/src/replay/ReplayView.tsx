import { useMemo } from 'react';
import type { ReplayDetail, ReplayRecording } from '../../../shared/api-types';
import { RelativeTime } from '../components/RelativeTime';
import { absoluteTime } from '../lib/format';
import { hrefOf } from '../routing/navigation';
import { ReplayPlayer } from './ReplayPlayer';
import { durationLabel, formatClock, startOffset } from './replay-time';
import { externalAssets } from './external-assets';
import { replayTypeLabel } from './ReplayInfoPanels';
import { useLiveReplay } from './use-live-replay';
import './replay.css';

/**
 * `#/replays/ID?t=…`: the replay player, opened at `t` (epoch ms from an error link, or an
 * offset), with the replay's metadata, linked errors and a note per unplayable segment.
 */
export function ReplayView({ replayId, t }: { replayId: string; t?: number }) {
  // Live: new segments of a replay still being recorded join it as they arrive.
  const state = useLiveReplay(replayId);
  const recording = state.kind === 'ok' ? state.recording : null;
  const loaded = recording !== null;
  // Where the player opens is decided once per replay and `t`: a growing recording must not move it.
  const initialMs = useMemo(() => (recording ? startOffset(t, recording.startMs, recording.durationMs) : 0), [replayId, t, loaded]);

  return (
    <div className="view replay-view" data-testid="replay-view">
      <header className="view-head">
        <a href={hrefOf({ name: 'replays' })} className="muted">Replays</a>
        <span className="muted">/</span>
        <h1>Replay</h1>
        <code className="mono muted small">{replayId}</code>
      </header>
      {state.kind === 'loading' && <p className="muted">Loading the recording…</p>}
      {state.kind === 'missing' && (
        <div className="empty not-captured-box" data-testid="replay-not-captured">
          <h2>Replay not captured</h2>
          <p>Lookout never received a recording with this id. Session replay needs the SDK's replay integration
            (for example <code className="mono">Sentry.replayIntegration()</code> with a sample rate above 0).</p>
        </div>
      )}
      {state.kind === 'error' && <div className="error-box" role="alert">Could not load the replay: {state.message}</div>}
      {state.kind === 'ok' && (
        <>
          <ReplayMeta detail={state.detail} recording={state.recording} />
          <SegmentNotes recording={state.recording} />
          <AssetsNote recording={state.recording} />
          {state.detail.segmentCount === 0 ? <NoRecording /> : (
            <ReplayPlayer
              replayId={replayId}
              recording={state.recording}
              detail={state.detail}
              initialMs={initialMs}
            />
          )}
        </>
      )}
    </div>
  );
}

function ReplayMeta({ detail, recording }: { detail: ReplayDetail; recording: ReplayRecording }) {
  const facts: [string, string | null][] = [
    ['Type', replayTypeLabel(detail.replayType)],
    ['Started', absoluteTime(recording.startMs ?? detail.startMs)],
    ['Duration', durationLabel(detail.segmentCount, recording.durationMs)],
    ['Browser', detail.browser], ['OS', detail.os], ['User', detail.user],
    ['Environment', detail.environment], ['Release', detail.release],
    ...frustrationFacts(detail),
  ];
  return (
    <section className="replay-meta" data-testid="replay-meta">
      <dl className="replay-facts">
        {facts.filter(([, v]) => v).map(([k, v]) => (
          <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
        ))}
        {/* With a recording, the player's address bar shows the page open at the playhead instead. */}
        {detail.segmentCount === 0 && detail.urls[0] && <div className="replay-url"><dt>URL</dt><dd className="mono ellipsis" title={detail.urls.join('\n')}>{detail.urls[0]}</dd></div>}
      </dl>
      {detail.errors.length > 0 && (
        <ul className="replay-errors" data-testid="replay-errors">
          {detail.errors.map((e) => (
            <li key={e.eventId}>
              <span className="level-badge level-error">error</span>
              <a href={e.issueId !== null ? hrefOf({ name: 'issue', issueId: e.issueId, eventId: e.eventId }) : hrefOf({ name: 'event', eventId: e.eventId })}>
                {e.title || e.eventId}
              </a>
              <RelativeTime ms={e.timestamp} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Dead and rage clicks, as Sentry's replay header counts them (a rage click is a dead click too):
 * the counts stored as the segments arrived, the figures the replays list shows; left out when none.
 */
function frustrationFacts(detail: ReplayDetail): [string, string][] {
  return detail.deadClicks === 0 ? [] : [['Dead clicks', String(detail.deadClicks)], ['Rage clicks', String(detail.rageClicks)]];
}

/** Where the player would be: an empty player at 0:00 read as a recording of nothing. */
function NoRecording() {
  return (
    <div className="empty not-captured-box" data-testid="replay-no-recording">
      <h2>No recording received</h2>
      <p>Lookout has this replay's details (its <code className="mono">replay_event</code>: pages, browser, user, times) but
        none of its recording segments, so there is nothing to play. The SDK sends each segment with that event; these
        were lost on the way or never sent.</p>
    </div>
  );
}

/** Corrupt or missing segments are left out of playback; say so where it cannot be missed. */
function SegmentNotes({ recording }: { recording: ReplayRecording }) {
  if (recording.notes.length === 0) return null;
  const start = recording.startMs ?? 0;
  return (
    <ul className="replay-notes" role="status" data-testid="replay-notes">
      {recording.notes.map((note, i) => (
        <li key={i} className="notice" data-testid="replay-note">
          <span className="mono small">{formatClock(note.timestamp - start)}</span> {note.label}. The rest of the replay still plays.
        </li>
      ))}
    </ul>
  );
}

/** Why the replay may look unstyled: the player does not fetch what the recorded page loaded from its server. */
function AssetsNote({ recording }: { recording: ReplayRecording }) {
  const { stylesheets, images } = useMemo(() => externalAssets(recording.events), [recording.events]);
  if (stylesheets === 0 && images === 0) return null;
  const what = [stylesheets ? `${stylesheets} stylesheet${stylesheets === 1 ? '' : 's'}` : '', images ? `${images} image${images === 1 ? '' : 's'}` : '']
    .filter(Boolean).join(' and ');
  return (
    <p className="muted small" data-testid="replay-assets-note">
      The recorded page loaded {what} from its server that the player does not fetch: a replay can come from any page, so
      Lookout never contacts the addresses it names. Styles the SDK recorded inline still apply.
    </p>
  );
}
