/**
 * The replay part of a report's model: which recording, how long, when the error happens in it, and
 * its timeline (the error, clicks, navigations, console and network breadcrumbs the SDK recorded) as
 * the issue page's replay lists them, read by the core replay marker code and scrubbed here.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/replay-recording/
 */
import type { EventDetail } from '../../shared/api-types';
import { extractMarkers } from '../replay/markers';
import type { ReplayMarker } from '../replay/types';
import type { ReportInput } from './report-input';
import { asObj, asStr, toMillis, type Obj } from './format';
import { scrubTextWith, type ScrubContext } from './scrub';
import { failedRequestDetails, type NetworkDetailView } from './report-replay-network';

/** Timeline entries listed beside the player at most: those nearest the error. */
export const REPLAY_STEPS_MAX = 100;

/** How the reports name each kind of timeline entry, as the issue page's replay does. */
export const REPLAY_STEP_KIND_NAMES: Record<ReplayMarker['kind'], string> = {
  error: 'Error', click: 'Click', navigation: 'Navigation', console: 'Console', network: 'Network', input: 'Input', feedback: 'Feedback', vital: 'Web vital', other: 'Breadcrumb',
};

export interface ReplayStepView {
  /** Milliseconds from the recording's start. */
  offsetMs: number;
  kind: ReplayMarker['kind'];
  label: string;
  /** A failed request's captured headers and bodies (scrubbed), when the SDK recorded them. */
  network?: NetworkDetailView;
}

export interface ReplayView {
  replayId: string;
  /** False when the event names a replay that is not part of this export. */
  available: boolean;
  eventCount: number;
  durationMs: number;
  /** Error time relative to the first replay event (of the event the replay was recorded with). */
  errorOffsetMs: number | null;
  /** Set when the replay is an earlier event's of this issue, not the featured event's: that event's id. */
  otherEventId?: string;
  /** The recording's breadcrumbs and the error, in time order, at most {@link REPLAY_STEPS_MAX}. */
  steps: ReplayStepView[];
  /** How many timeline entries the recording has in all. */
  stepsTotal: number;
}

/** `errorLabel` names the error on the timeline (the report's title, already scrubbed), as the issue page's replay does. */
export function replayView(input: ReportInput, payload: Obj, event: EventDetail | undefined, errorMs: number | null,
  ctx: ScrubContext | null, errorLabel: string): ReplayView | null {
  const replay = input.replay;
  if (replay) {
    const times = replay.events.map((e) => e.timestamp).filter((t) => typeof t === 'number' && Number.isFinite(t));
    const start = times.length ? times.reduce((a, b) => Math.min(a, b)) : null;
    const end = times.length ? times.reduce((a, b) => Math.max(a, b)) : null;
    // The featured event may have no replay while an older one of the issue has: its error is the one in the recording.
    const recordedWith = event?.replayId === replay.replayId ? event : input.events.find((e) => e.replayId === replay.replayId);
    const other = recordedWith && recordedWith !== event ? recordedWith : undefined;
    const at = other ? toMillis(other.timestamp) : errorMs;
    const all = start === null ? [] : extractMarkers(replay.events, at === null ? [] : [at]);
    const listed = nearest(all, at);
    const details = failedRequestDetails(replay.events, listed, ctx);
    const steps = listed.map((m, i): ReplayStepView => ({
      offsetMs: m.timestamp - (start ?? 0), kind: m.kind,
      label: m.kind === 'error' ? errorStepLabel(errorLabel) : ctx ? scrubTextWith(m.label, ctx, `replay.steps[${i}]`) : m.label,
      ...(details.has(i) ? { network: details.get(i) } : {}),
    }));
    return {
      replayId: replay.replayId, available: true, eventCount: replay.events.length,
      durationMs: start === null || end === null ? 0 : end - start,
      errorOffsetMs: start === null || at === null ? null : at - start,
      ...(other ? { otherEventId: other.eventId } : {}),
      steps, stepsTotal: all.length,
    };
  }
  const id = asStr(asObj(asObj(payload.contexts)?.replay)?.replay_id) ?? event?.replayId ?? null;
  return id ? { replayId: id, available: false, eventCount: 0, durationMs: 0, errorOffsetMs: null, steps: [], stepsTotal: 0 } : null;
}

/**
 * The error step's label: the issue title without a leading `Error: `, which the reports already print as the
 * step's kind (a title `Error: boom` reads `Error: boom`, not `Error: Error: boom`; `TypeError: x` stays whole).
 */
export function errorStepLabel(title: string): string {
  const kind = REPLAY_STEP_KIND_NAMES.error;
  if (title === kind) return '';
  return title.startsWith(`${kind}: `) ? title.slice(kind.length + 2) : title;
}

/** The entries closest in time to the error (all of them when few), kept in time order. */
function nearest(markers: ReplayMarker[], at: number | null): ReplayMarker[] {
  if (markers.length <= REPLAY_STEPS_MAX) return markers;
  const centre = at ?? markers[markers.length - 1]!.timestamp;
  const kept = new Set([...markers].sort((a, b) => Math.abs(a.timestamp - centre) - Math.abs(b.timestamp - centre)).slice(0, REPLAY_STEPS_MAX));
  return markers.filter((m) => kept.has(m));
}
