/**
 * Time arithmetic of the replay player. The player's clock is an offset in ms from the first
 * recorded event; markers and links carry epoch ms.
 */
import type { ReplayMarkerInfo } from '../../../shared/api-types';

/** How far before an error the replay opens (issue page and "Open full replay"), so the steps leading to it are visible. */
export const LEAD_IN_MS = 5000;

/** Anything above this is an epoch time in ms (year 1973+), below it an offset into the replay. */
const EPOCH_THRESHOLD_MS = 1e11;

/**
 * Where playback starts for a `?t=` value: an epoch ms (as error links send) or an offset.
 * Clamped into the recording; 0 when absent or odd.
 */
export function startOffset(t: number | undefined, startMs: number | null, durationMs: number): number {
  if (t === undefined || !Number.isFinite(t)) return 0;
  const offset = t > EPOCH_THRESHOLD_MS ? t - (startMs ?? t) : t;
  return clamp(offset, 0, Math.max(0, durationMs));
}

/** The `?t=` an error link uses: a little before the error. */
export function errorLinkTime(errorMs: number): number {
  return Math.max(0, Math.round(errorMs - LEAD_IN_MS));
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** "0:07", "12:30", "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Said for a replay whose metadata (`replay_event`) arrived without any recording segment. */
export const NO_RECORDING = 'No recording';

/**
 * The duration the replays list and the replay page both show: "No recording" when no segment
 * arrived (the replay_event's own times would claim minutes there is nothing to play of).
 */
export function durationLabel(segmentCount: number, durationMs: number | null): string {
  if (segmentCount === 0) return NO_RECORDING;
  return durationMs !== null && Number.isFinite(durationMs) ? formatClock(durationMs) : '—';
}

/** Position on the timeline in percent, for CSS `left`. */
export function percentAt(offsetMs: number, durationMs: number): number {
  if (durationMs <= 0) return 0;
  return clamp((offsetMs / durationMs) * 100, 0, 100);
}

/** Index of the last marker (or console / network row) at or before `offsetMs` (sorted by time), or -1. */
export function activeMarkerIndex(markers: readonly Pick<ReplayMarkerInfo, 'timestamp'>[], startMs: number, offsetMs: number): number {
  let low = 0;
  let high = markers.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const marker = markers[mid];
    if (marker && marker.timestamp - startMs <= offsetMs) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** One arrow key moves the playhead this far: a short replay is a few seconds long. */
export const KEY_STEP_MS = 1000;
/** Shift + arrow (and Page Up / Down) moves this share of the replay. */
export const BIG_STEP_SHARE = 0.05;

/**
 * Where a key on the timeline slider moves the playhead, or null for a key it does not handle:
 * ← / ↓ and → / ↑ one second (5 % of the replay with Shift), Page Down / Up 5 %, Home / End the ends,
 * as the WAI-ARIA slider pattern lays out.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/slider/
 */
export function sliderKeyTarget(key: string, shift: boolean, currentMs: number, totalMs: number): number | null {
  const big = Math.max(KEY_STEP_MS, totalMs * BIG_STEP_SHARE);
  const steps: Record<string, number> = {
    ArrowRight: shift ? big : KEY_STEP_MS, ArrowUp: shift ? big : KEY_STEP_MS,
    ArrowLeft: shift ? -big : -KEY_STEP_MS, ArrowDown: shift ? -big : -KEY_STEP_MS,
    PageUp: big, PageDown: -big,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return totalMs;
  const step = steps[key];
  return step === undefined ? null : clamp(currentMs + step, 0, totalMs);
}
