import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { ReplayMarkerInfo } from '../../../shared/api-types';
import { clamp, formatClock, percentAt, sliderKeyTarget } from './replay-time';

interface TimelineProps {
  currentMs: number;
  totalMs: number;
  startMs: number;
  markers: readonly ReplayMarkerInfo[];
  /** Gaps left by skipped or missing segments. */
  notes: readonly ReplayMarkerInfo[];
  /** The replay's start that has no page recorded (before its first full snapshot), ms; 0 for none. */
  unrecordedMs?: number;
  onSeek: (offsetMs: number) => void;
}

/**
 * A seekable bar (click, drag or the slider's keys) with a tick per marker. The ticks seek on a click
 * but are not Tab stops: a slider holds no controls (WCAG 4.1.2), and each marker is in the
 * breadcrumb list beside the player, which seeks from the keyboard. A press on a tick starts a drag
 * like one on the bar (ticks cover much of a busy bar, and the 0:00 one its start).
 */
export function Timeline({ currentMs, totalMs, startMs, markers, notes, unrecordedMs = 0, onSeek }: TimelineProps) {
  const trackRef = useRef<HTMLDivElement | null>(null);
  const dragging = useRef(false);

  const offsetAt = (clientX: number): number => {
    const rect = trackRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return clamp((clientX - rect.left) / rect.width, 0, 1) * totalMs;
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    onSeek(offsetAt(e.clientX));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) onSeek(offsetAt(e.clientX));
  };
  const onPointerUp = () => { dragging.current = false; };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = sliderKeyTarget(e.key, e.shiftKey, currentMs, totalMs);
    if (target === null) return;
    e.preventDefault();
    onSeek(target);
  };

  const tick = (marker: ReplayMarkerInfo, index: number, note: boolean) => {
    const offset = marker.timestamp - startMs;
    return (
      <span
        key={`${note ? 'n' : 'm'}${index}`}
        aria-hidden="true"
        className={`timeline-marker kind-${note ? 'note' : marker.kind}`}
        style={{ left: `${percentAt(offset, totalMs)}%` }}
        title={`${formatClock(offset)} · ${marker.label}`}
        data-testid={note ? 'timeline-note' : 'timeline-marker'}
        data-kind={marker.kind}
        onClick={() => onSeek(clamp(offset, 0, totalMs))}
      />
    );
  };

  return (
    <div className="replay-timeline">
      <div
        ref={trackRef}
        className="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label="Replay position"
        aria-valuemin={0}
        aria-valuemax={Math.round(totalMs)}
        aria-valuenow={Math.round(currentMs)}
        aria-valuetext={`${formatClock(currentMs)} of ${formatClock(totalMs)}`}
        data-testid="replay-timeline"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <div className="timeline-rail" />
        <div className="timeline-progress" style={{ width: `${percentAt(currentMs, totalMs)}%` }} />
        {unrecordedMs > 0 && (
          <div className="timeline-unrecorded" style={{ width: `${percentAt(unrecordedMs, totalMs)}%` }} data-testid="timeline-unrecorded"
            title={`0:00–${formatClock(unrecordedMs)} not recorded`} aria-hidden="true" />
        )}
        {markers.map((m, i) => tick(m, i, false))}
        {notes.map((m, i) => tick(m, i, true))}
        <div className="timeline-head" style={{ left: `${percentAt(currentMs, totalMs)}%` }} />
      </div>
    </div>
  );
}
