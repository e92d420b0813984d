import { useState } from 'react';
import type { SourceWindow } from '../../../../shared/api-types';
import type { SentryFrame } from '../../../../shared/sentry';
import { api } from '../../api/instance';
import { TruncatedText } from '../../components/TruncatedText';
import { messageOf } from '../../lib/errors';
import { FrameContext } from './FrameContext';
import { localPathOf, useFrameEvent } from './frame-event';

/** Lines added on each side per "Show more context". */
const STEP = 5;
/** At most this many lines either side (200 around the frame line). */
const MAX_RADIUS = 100;

function sentRadius(frame: SentryFrame): number {
  const n = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  return Math.max(n(frame.pre_context), n(frame.post_context));
}

/** Whether "show more" can work for this frame: a local file and a line. */
export function canLoadSource(frame: SentryFrame): boolean {
  return localPathOf(frame) !== null && typeof frame.lineno === 'number' && frame.lineno > 0;
}

function WindowLines({ window, line }: { window: SourceWindow; line: number }) {
  return (
    <ol className="context-lines mono" data-testid="frame-context">
      {window.lines.map((text, i) => {
        const n = window.startLine + i;
        return (
          <li key={n} className={n === line ? 'is-error' : ''} data-testid="context-line" data-error={n === line ? 'true' : undefined}>
            <span className="ln">{n}</span>
            <TruncatedText className="code" text={text} limit={300} />
          </li>
        );
      })}
    </ol>
  );
}

/** What the note above the lines says about a file that changed since the event (null: nothing to say). */
function driftNote(frame: SentryFrame, window: SourceWindow | null, line: number): { text: string; warn: boolean } | null {
  if (window?.movedTo !== undefined) {
    return { text: `The file changed since this event: the line that ran moved from line ${line} to ${window.movedTo}.`, warn: false };
  }
  if (window?.sentLinesGone) {
    return { text: 'The file changed since this event and these lines are no longer in it: shown as the event sent them (the code that ran).', warn: true };
  }
  const changed = window?.changedSinceEvent === true || frame.data?.source_changed_since_event === true;
  if (!changed) return null;
  // The event's own lines (the SDK's, or read as it arrived) are what ran, however the file changed since.
  if (!window && frame.data?.context_from_event === true) {
    return { text: 'The file on disk has changed since this event; these lines are the ones that ran, as the event sent them.', warn: false };
  }
  return { text: 'The file changed on disk since this event: these lines may not be the code that ran.', warn: true };
}

/**
 * The frame's source lines: what the SDK (or ingest) put on the frame, and more from the local
 * file on request, ±5 lines at a time. When the file changed since the event, the window follows
 * the frame's own lines to where they are now, or keeps them when they are gone, and says so.
 */
export function FrameSource({ frame }: { frame: SentryFrame }) {
  const { eventId } = useFrameEvent();
  const [window, setWindow] = useState<SourceWindow | null>(null);
  const [radius, setRadius] = useState(() => sentRadius(frame));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [complete, setComplete] = useState(false);
  const file = localPathOf(frame);
  const line = typeof frame.lineno === 'number' ? frame.lineno : 0;
  const note = driftNote(frame, window, line);
  const gone = window?.sentLinesGone === true;
  const shownLine = window?.movedTo ?? line;

  const more = async (): Promise<void> => {
    if (!file || line < 1) return;
    const next = Math.min(MAX_RADIUS, radius + STEP);
    setBusy(true);
    try {
      const answer = await api().sourceWindow({ event: eventId ?? undefined, file, line, radius: next });
      const at = answer.movedTo ?? line;
      // Fewer lines than asked on both sides: the whole file is on screen.
      setComplete(answer.startLine > at - next && answer.startLine + answer.lines.length - 1 < at + next);
      setWindow(answer);
      setRadius(next);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="frame-source">
      {note && (
        <div className={`frame-note ${note.warn ? 'frame-note-warn' : ''}`} data-testid="source-changed">
          {note.text}
        </div>
      )}
      {window && !gone ? <WindowLines window={window} line={shownLine} /> : <FrameContext frame={frame} />}
      {file && line > 0 && !gone && (
        <div className="frame-source-actions">
          {!complete && radius < MAX_RADIUS && (
            <button type="button" className="link-btn" disabled={busy} onClick={() => void more()} data-testid="show-more-context">
              {busy ? 'Loading…' : 'Show more context'}
            </button>
          )}
          {(complete || radius >= MAX_RADIUS) && <span className="muted small">{complete ? 'Whole file shown.' : `${MAX_RADIUS} lines either side shown.`}</span>}
          {error && <span className="muted small" role="alert" data-testid="source-error">{error}</span>}
        </div>
      )}
    </div>
  );
}
