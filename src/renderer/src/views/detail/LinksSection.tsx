import { useEffect, useMemo, useState } from 'react';
import type { EventDetail, TraceDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { Section } from '../../components/Section';
import { messageOf } from '../../lib/errors';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';
import { errorLinkTime } from '../../replay/replay-time';
import { otherTraceErrors, traceErrorCountText } from '../../lib/trace-error-count';
import { ReplayPreview } from './ReplayPreview';
import { useReplayTarget } from './use-replay-target';
import { TracePreview } from './TracePreview';

type Target = { state: 'checking' } | { state: 'missing' } | { state: 'arriving' } | { state: 'found'; href: string; note: string; trace?: TraceDetail } | { state: 'error'; message: string };

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 && v.length < 200 ? v : null;
}

export function replayIdOf(detail: EventDetail): string | null {
  return str(detail.replayId) ?? str(detail.payload.contexts?.replay?.replay_id);
}

export function traceIdOf(detail: EventDetail): string | null {
  return str(detail.traceId) ?? str(detail.payload.contexts?.trace?.trace_id);
}

/** Resolves the trace link's target once; "missing" when Lookout never received it (no dead links). */
function useTarget(id: string | null, find: (id: string) => Promise<Target>): Target | null {
  const [target, setTarget] = useState<Target | null>(null);
  useEffect(() => {
    if (!id) { setTarget(null); return; }
    let cancelled = false;
    setTarget({ state: 'checking' });
    find(id).then((t) => !cancelled && setTarget(t)).catch((err: unknown) => !cancelled && setTarget({ state: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [id, find]);
  return target;
}

function counted(n: number, what: string, text: (n: number) => string = String): string | null {
  return n > 0 ? `${text(n)} ${what}${n === 1 ? '' : 's'}` : null;
}

/**
 * The trace view when Lookout holds more of the trace than this event: spans, logs or other
 * errors. A trace that is only this error (tracing off, no logs) is "not captured".
 */
function traceFinder(eventId: string, spanId: string | null, isError: boolean): (id: string) => Promise<Target> {
  return async (id) => {
    const trace = await api().trace(id);
    if (trace === null) return { state: 'missing' };
    const length = (v: unknown) => (Array.isArray(v) ? v.length : 0);
    // The trace lists its first 500 errors; the count is the server's (capped) count, not the list's length.
    const others = otherTraceErrors(trace, eventId, isError);
    const note = [counted(length(trace.spans), 'span'), counted(length(trace.logs), 'log'), counted(others, 'other error', traceErrorCountText)]
      .filter(Boolean).join(' · ');
    // Opens the trace at this event's span (inside an autogroup too) when the trace holds it.
    const span = spanId && Array.isArray(trace.spans) && trace.spans.some((s) => s.spanId === spanId) ? spanId : undefined;
    return note ? { state: 'found', href: hrefOf({ name: 'trace', traceId: id, ...(span ? { span } : {}) }), note, trace } : { state: 'missing' };
  };
}

function LinkRow({ label, id, target, testId, action }: { label: string; id: string; target: Target | null; testId: string; action?: string }) {
  return (
    <div className="link-row" data-testid={testId} data-state={target?.state ?? 'none'}>
      <span className="link-label">{label}</span>
      <code className="mono small">{id}</code>
      {target?.state === 'checking' && <span className="muted small">checking…</span>}
      {target?.state === 'found' && <a className="btn btn-small" href={target.href} data-testid={`${testId}-open`}>{action ?? `Open ${label.toLowerCase()}`}{target.note ? ` · ${target.note}` : ''}</a>}
      {target?.state === 'missing' && <span className="not-captured">{label} not captured</span>}
      {target?.state === 'arriving' && (
        <span className="muted small" role="status" title="The SDK sends a replay shortly after the error it recorded; it shows here as soon as it arrives">
          {label} arriving…</span>
      )}
      {target?.state === 'error' && <span className="error-text small">{target.message}</span>}
    </div>
  );
}

/** Replay and trace links of the event. */
export function LinksSection({ detail }: { detail: EventDetail }) {
  const replayId = replayIdOf(detail);
  const traceId = traceIdOf(detail);
  // Live: "arriving" while the SDK may still send it, the link once it is stored.
  const found = useReplayTarget(replayId, detail);
  // Opens the player a few seconds before this event, so the steps leading to it are visible.
  const replay = found?.state === 'found' && replayId
    ? { ...found, href: hrefOf({ name: 'replay', replayId, t: errorLinkTime(detail.timestamp) }) } : found;
  const spanId = str(detail.payload.contexts?.trace?.span_id);
  const isError = detail.kind === 'event';
  const findTrace = useMemo(() => traceFinder(detail.eventId, spanId, isError), [detail.eventId, spanId, isError]);
  const trace = useTarget(traceId, findTrace);
  const projects = useStore((s) => s.projects);
  const projectName = (id: number) => projects.find((p) => p.id === id)?.name ?? null;
  if (!replayId && !traceId) return null;
  return (
    <Section title="Replay & trace" testId="links">
      {replayId && <LinkRow label="Replay" id={replayId} target={replay} testId="replay-link" action="Open full replay" />}
      {replayId && found?.state === 'found' && <ReplayPreview replayId={replayId} errorMs={detail.timestamp} />}
      {traceId && <LinkRow label="Trace" id={traceId} target={trace} testId="trace-link" />}
      {trace?.state === 'found' && trace.trace && <TracePreview trace={trace.trace} projectName={projectName}
        errorRef={{ spanId, parentSpanId: str(detail.payload.contexts?.trace?.parent_span_id), atMs: detail.timestamp }} />}
    </Section>
  );
}
