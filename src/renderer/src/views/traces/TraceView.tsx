import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TraceDetail, TraceSpan } from '../../../../shared/api-types';
import { httpMethodSpanName } from '../../../../shared/http-span-name';
import { api } from '../../api/instance';
import { CopyButton } from '../../components/CopyButton';
import { RelativeTime } from '../../components/RelativeTime';
import { messageOf } from '../../lib/errors';
import { buildWaterfall } from '../../lib/span-groups';
import { problemMarksBySpan, spanWindow } from '../../lib/span-group-rows';
import { traceErrorCountText } from '../../lib/trace-error-count';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf, useRoute } from '../../routing/navigation';
import { useStore } from '../../store';
import { usePageTitle } from '../../store/page-title';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { DetailInView } from './DetailInView';
import { GroupDetails } from './GroupDetails';
import { SpanDetails } from './SpanDetails';
import { TraceErrors, TraceLogs, TracePerformanceIssues } from './TraceAside';
import { OrphanRootNote } from './OrphanRootNote';
import { OutsideAxisNote } from './OutsideAxisNote';
import { Waterfall } from './Waterfall';
import { TraceProfileLinks } from '../profiles/TraceProfileLinks';
import { VitalsBlock } from './VitalsBlock';
import { UploadSpansNote } from './UploadSpansNote';
import { labelledUpload, splitUploads } from '../../lib/sdk-upload-spans';

/** The origin this Lookout is reached at (the API's base, else this page's): its ingest endpoint's host and port. */
function lookoutOrigin(): string {
  try { return new URL(api().base || window.location.href).origin; } catch { return window.location.origin; }
}

/** A trace quiet for this long is taken as finished: live data elsewhere no longer refetches it. */
const SETTLED_MS = 5 * 60_000;

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ok'; trace: TraceDetail };

/** The root of the waterfall: a span without a (captured) parent, earliest first. */
function rootOf(trace: TraceDetail): TraceSpan | null {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  return trace.spans.find((s) => !s.parentSpanId || !ids.has(s.parentSpanId)) ?? null;
}

/** `#/traces/ID`: the span waterfall with the trace's errors and logs beside it; live. */
export function TraceView({ traceId }: { traceId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  // A span's key or a group's (`ag:…`): both stable across live refetches of a growing trace.
  const [selected, setSelected] = useState<string | null>(null);
  const liveVersion = useStore((s) => s.tracesVersion);
  const [version, setVersion] = useState(liveVersion);
  const settled = state.kind === 'ok' && state.trace.endMs !== null && state.trace.endMs < Date.now() - SETTLED_MS;
  useEffect(() => { if (!settled) setVersion(liveVersion); }, [liveVersion, settled]);
  const projects = useStore((s) => s.projects);

  const retry = useRetryOnReconnect(state.kind === 'error');
  useEffect(() => { setState({ kind: 'loading' }); setSelected(null); }, [traceId]);
  useEffect(() => {
    let cancelled = false;
    api().trace(traceId)
      .then((trace) => !cancelled && setState(trace ? { kind: 'ok', trace } : { kind: 'missing' }))
      .catch((err: unknown) => !cancelled && setState((prev) => (prev.kind === 'ok' ? prev : { kind: 'error', message: messageOf(err) })));
    return () => { cancelled = true; };
  }, [traceId, version, retry]);

  const trace = state.kind === 'ok' ? state.trace : null;
  const errorsBySpan = useMemo(() => {
    const map = new Map<string, number>();
    for (const e of trace?.errors ?? []) if (e.spanId) map.set(e.spanId, (map.get(e.spanId) ?? 0) + 1);
    return map;
  }, [trace]);
  // Sentry's trace view marks each transaction with a performance issue, and its offending spans, on their rows.
  const problemsBySpan = useMemo(() => problemMarksBySpan(trace?.performanceIssues ?? []), [trace]);
  // The SDK's own uploads to this Lookout (traced by e.g. Python's stdlib integration) fold away unless asked for.
  const [showUploads, setShowUploads] = useState(false);
  const split = useMemo(() => (trace ? splitUploads(trace.spans, lookoutOrigin()) : null), [trace]);
  const model = useMemo(() => (split ? buildWaterfall(showUploads ? [...split.own, ...split.uploads.map(labelledUpload)] : split.own) : null),
    [split, showUploads]);
  const selectedSpan = selected !== null ? model?.spans.get(selected)?.span ?? null : null;
  const selectedGroup = selected !== null ? model?.groups.get(selected) ?? null : null;
  const projectName = (id: number) => projects.find((p) => p.id === id)?.name ?? null;
  const root = trace ? rootOf(trace) : null;
  // A request streamed by @sentry/node 11 is named "GET" alone: named by its route or path too, as Relay names it.
  const rootName = root ? httpMethodSpanName(root.name, (key) => root.data[key]) ?? root.name : null;
  const heading = root ? `${root.op ? `${root.op} · ` : ''}${trace?.vitals?.page ?? rootName ?? 'Trace'}` : 'Trace';
  usePageTitle(root ? [heading, 'Trace'] : null);
  // The axis covers the spans, as Sentry's does; offsets beside it count from the same start.
  const axis = useMemo(() => (trace && split ? spanWindow(showUploads || split.own.length === 0 ? trace.spans : split.own) : null), [trace, split, showUploads]);
  const start = axis?.startMs ?? trace?.startMs ?? 0;

  // `#/traces/ID?span=SPAN` (an error's or an issue's link) selects the span and opens the groups it is in.
  const route = useRoute();
  const linkedSpan = route.name === 'trace' ? route.span ?? null : null;
  const [reveal, setReveal] = useState<{ key: string } | null>(null);
  /** Selects a span by its key (its span id when it has one) and shows it, opening the groups it is in. */
  const showSpan = useCallback((key: string) => {
    if (!model?.spans.has(key)) return;
    setSelected(key);
    setReveal({ key });
  }, [model]);
  const traceLoaded = trace !== null;
  // Once per link and load, not on every live refetch (which would pull the view back to it).
  useEffect(() => { if (linkedSpan && traceLoaded) showSpan(linkedSpan); }, [linkedSpan, traceLoaded]);

  return (
    <div className="view trace-view" data-testid="trace-view">
      <header className="view-head">
        <a href={hrefOf({ name: 'traces' })} className="muted">Traces</a>
        <span className="muted">/</span>
        {/* A page load by its page (Sentry's transaction name), not the streamed span's "Pageload". */}
        <h1 className="ellipsis" data-testid="trace-title">{heading}</h1>
        <code className="mono muted small">{traceId}</code>
        <CopyButton text={traceId} testId="copy-trace-id" />
        <TraceProfileLinks traceId={traceId} version={version} />
      </header>
      {state.kind === 'loading' && <p className="muted">Loading the trace…</p>}
      {state.kind === 'missing' && (
        <div className="empty not-captured-box" data-testid="trace-not-captured">
          <h2>Trace not captured</h2>
          <p>Lookout has no span, error or log of this trace. Spans are sent when the SDK samples the trace
            (<code className="mono">tracesSampleRate</code> above 0); logs need <code className="mono">Sentry.logger</code>.</p>
        </div>
      )}
      {state.kind === 'error' && <div className="error-box" role="alert">Could not load the trace: {state.message}</div>}
      {trace && (
        <>
          <dl className="trace-facts" data-testid="trace-facts">
            <div><dt>Duration</dt><dd data-testid="trace-duration">{formatDuration(trace.durationMs)}</dd></div>
            <div><dt>Spans</dt><dd data-testid="trace-span-count">{trace.spans.length.toLocaleString()}{trace.spansTruncated ? '+' : ''}</dd></div>
            <div><dt>Errors</dt><dd className={trace.errorCount ? 'error-text' : ''}>{traceErrorCountText(trace.errorCount)}</dd></div>
            <div><dt>Logs</dt><dd>{trace.logs.length}{trace.logsTruncated ? '+' : ''}</dd></div>
            <div><dt>Started</dt><dd><RelativeTime ms={trace.startMs} /></dd></div>
            <div><dt>{trace.projectIds.length > 1 ? 'Projects' : 'Project'}</dt><dd>{trace.projectIds.map((id) => projectName(id) ?? id).join(', ') || '—'}</dd></div>
          </dl>
          {trace.vitals && <VitalsBlock vitals={trace.vitals} />}
          <OrphanRootNote root={root} spans={trace.spans} />
          {trace.spansTruncated && <div className="notice">Only the first {trace.spans.length.toLocaleString()} spans are shown.</div>}
          <div className="trace-columns">
            <div className="trace-main">
              {trace.spans.length > 0 ? (
                <>
                  <UploadSpansNote count={split?.uploads.length ?? 0} shown={showUploads} onToggle={() => setShowUploads((v) => !v)} />
                  {model && <Waterfall model={model} axisStart={start} axisMs={axis ? axis.endMs - axis.startMs : 0} errorsBySpan={errorsBySpan}
                    problemsBySpan={problemsBySpan} selected={selected} onSelect={setSelected} reveal={reveal} />}
                  {axis && <OutsideAxisNote trace={trace} axis={axis} />}
                </>
              ) : (
                <div className="empty" data-testid="trace-no-spans"><p>No span of this trace was received — only its errors or logs.
                  Spans are sent when the SDK samples the trace (<code className="mono">tracesSampleRate</code>).</p></div>
              )}
              {selected !== null && (selectedSpan || selectedGroup) && (
                <DetailInView selectedKey={selected} onClose={() => setSelected(null)}>
                  {selectedSpan && <SpanDetails span={selectedSpan} traceStart={start} projectName={projectName(selectedSpan.projectId)} onClose={() => setSelected(null)} />}
                  {selectedGroup && <GroupDetails group={selectedGroup} traceStart={start} errors={trace.errors} problems={trace.performanceIssues}
                    onShowSpan={showSpan} onClose={() => setSelected(null)} />}
                </DetailInView>
              )}
            </div>
            <aside className="trace-aside">
              <TracePerformanceIssues issues={trace.performanceIssues} startMs={start} spanKey={selected} onShowSpan={showSpan} />
              <TraceErrors errors={trace.errors} total={trace.errorCount} startMs={start} spanKey={selected} onShowSpan={showSpan} />
              <TraceLogs traceId={trace.traceId} logs={trace.logs} truncated={trace.logsTruncated} startMs={start} spanKey={selected} />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
