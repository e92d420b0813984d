import { useEffect, useState } from 'react';
import type { EventDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { Section } from '../../components/Section';
import { messageOf } from '../../lib/errors';
import { hrefOf } from '../../routing/navigation';
import { errorLinkTime } from '../../replay/replay-time';

type Target = { state: 'checking' } | { state: 'missing' } | { state: 'found'; href: string; note: string } | { state: 'error'; message: string };

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 && v.length < 200 ? v : null;
}

export function replayIdOf(detail: EventDetail): string | null {
  return str(detail.replayId) ?? str(detail.payload.contexts?.replay?.replay_id);
}

export function traceIdOf(detail: EventDetail): string | null {
  return str(detail.traceId) ?? str(detail.payload.contexts?.trace?.trace_id);
}

/** Resolves a link target once; "missing" when Lookout never received it (no dead links). */
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

async function findReplay(id: string): Promise<Target> {
  const replay = await api().replay(id);
  if (replay === null) return { state: 'missing' };
  const segs = typeof replay === 'object' && replay !== null ? (replay as { segmentCount?: unknown }).segmentCount : undefined;
  return { state: 'found', href: hrefOf({ name: 'replay', replayId: id }), note: typeof segs === 'number' ? `${segs} segments` : '' };
}

/** The trace view when Lookout holds any span, error or log of the trace (else "not captured"). */
async function findTrace(id: string): Promise<Target> {
  const trace = await api().trace(id);
  if (trace === null) return { state: 'missing' };
  const spans = Array.isArray(trace.spans) ? trace.spans.length : 0;
  return { state: 'found', href: hrefOf({ name: 'trace', traceId: id }), note: `${spans} span${spans === 1 ? '' : 's'}` };
}

function LinkRow({ label, id, target, testId, action }: { label: string; id: string; target: Target | null; testId: string; action?: string }) {
  return (
    <div className="link-row" data-testid={testId} data-state={target?.state ?? 'none'}>
      <span className="link-label">{label}</span>
      <code className="mono small">{id}</code>
      {target?.state === 'checking' && <span className="muted small">checking…</span>}
      {target?.state === 'found' && <a className="btn btn-small" href={target.href} data-testid={`${testId}-open`}>{action ?? `Open ${label.toLowerCase()}`}{target.note ? ` · ${target.note}` : ''}</a>}
      {target?.state === 'missing' && <span className="not-captured">{label} not captured</span>}
      {target?.state === 'error' && <span className="error-text small">{target.message}</span>}
    </div>
  );
}

/** Replay and trace links of the event. */
export function LinksSection({ detail }: { detail: EventDetail }) {
  const replayId = replayIdOf(detail);
  const traceId = traceIdOf(detail);
  const found = useTarget(replayId, findReplay);
  // Opens the player a few seconds before this event, so the steps leading to it are visible.
  const replay = found?.state === 'found' && replayId
    ? { ...found, href: hrefOf({ name: 'replay', replayId, t: errorLinkTime(detail.timestamp) }) } : found;
  const trace = useTarget(traceId, findTrace);
  if (!replayId && !traceId) return null;
  return (
    <Section title="Replay & trace" testId="links">
      {replayId && <LinkRow label="Replay" id={replayId} target={replay} testId="replay-link" action="▶ Play replay" />}
      {traceId && <LinkRow label="Trace" id={traceId} target={trace} testId="trace-link" />}
    </Section>
  );
}
