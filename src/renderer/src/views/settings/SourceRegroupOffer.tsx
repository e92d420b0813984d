import { useEffect, useState } from 'react';
import type { SourceRegroupStatus } from '../../../../shared/api-source-regroup';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';

/** A source folder was saved: scan the issues of this project (null: all projects). `n` makes each save a new request. */
export interface ScanRequest { projectId: number | null; n: number }

/** How often a scan or re-group under way is read back. */
const POLL_MS = 400;

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function Progress({ label, value, max, testId }: { label: string; value: number; max: number; testId: string }) {
  return (
    <p className="source-regroup-progress" data-testid={testId}>
      <progress value={value} max={Math.max(1, max)} aria-label={label} /> <span>{label}</span>
    </p>
  );
}

function Outcome({ s }: { s: SourceRegroupStatus }) {
  const parts = [`${plural(s.regrouped, 'issue')} re-grouped with the new source maps`, `${s.merged.toLocaleString()} merged into the newer issue their events now match`];
  return (
    <p data-testid="source-regroup-result">
      {parts.join(', ')} ({plural(s.events, 'event')} updated).
      {s.skipped > 0 && <> {plural(s.skipped, 'event')} could not be read and {s.skipped === 1 ? 'was' : 'were'} left as {s.skipped === 1 ? 'it was' : 'they were'}.</>}
    </p>
  );
}

/**
 * After a source folder is saved: finds the old issues whose minified frames the folder now maps
 * and offers to re-group them (each one's events re-symbolicated, and the issue merged into the
 * newer one its events now match), with the scan's and the re-group's progress and the outcome.
 * Offered, not done on its own: it rewrites stored events and merges issues, which a user who
 * pointed at the wrong folder would not want; Sentry itself never re-processes old events.
 */
export function SourceRegroupOffer({ request }: { request: ScanRequest | null }) {
  const toast = useStore((s) => s.toast);
  const [status, setStatus] = useState<SourceRegroupStatus | null>(null);
  const [scannedNone, setScannedNone] = useState(false);

  useEffect(() => { api().sourceRegroup().then(setStatus, () => undefined); }, []);
  useEffect(() => {
    if (!request) return;
    setScannedNone(false);
    api().scanSourceRegroup(request.projectId)
      .then((s) => { setStatus(s); setScannedNone(s.state === 'idle'); }, (err: unknown) => toast('error', `Could not look for issues to re-group: ${messageOf(err)}`));
  }, [request, toast]);
  const active = status?.state === 'scanning' || status?.state === 'running';
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      api().sourceRegroup().then((next) => {
        if (next.state === 'idle' && status?.state === 'scanning') setScannedNone(true);
        setStatus(next);
      }, () => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, status?.state]);

  const act = (call: () => Promise<SourceRegroupStatus>) => () => {
    call().then(setStatus, (err: unknown) => toast('error', `Could not re-group: ${messageOf(err)}`));
  };

  if (!status || (status.state === 'idle' && !scannedNone)) return null;
  const n = status.candidates.length;
  return (
    <section className="card source-regroup" data-testid="source-regroup" data-state={status.state} aria-live="polite">
      <h2>Issues grouped before the source maps</h2>
      {status.state === 'scanning' && <Progress testId="source-regroup-progress" label={`Looking at ${status.scanned} of ${status.scanTotal} issues…`}
        value={status.scanned} max={status.scanTotal} />}
      {status.state === 'idle' && <p className="muted" data-testid="source-regroup-none">No stored issue has frames the new source folders map.</p>}
      {status.state === 'offer' && (
        <>
          <p data-testid="source-regroup-offer">
            {plural(n, 'issue has', 'issues have')} frames the new source maps resolve. Their events were grouped on minified frames,
            so newer events of the same errors may have opened issues beside them; re-grouping merges each into the issue it matches now.
          </p>
          {status.notScanned > 0 && <p className="muted small">{plural(status.notScanned, 'older issue')} were not looked at.</p>}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={act(() => api().runSourceRegroup())} data-testid="source-regroup-run">
              Re-group {plural(n, 'issue')} with the new source maps
            </button>
            <button type="button" className="btn btn-ghost" onClick={act(() => api().dismissSourceRegroup())}>Not now</button>
          </div>
        </>
      )}
      {status.state === 'running' && <Progress testId="source-regroup-progress" label={`Re-grouping ${status.done} of ${n} issues…`} value={status.done} max={n} />}
      {status.state === 'done' && (
        <>
          <Outcome s={status} />
          <button type="button" className="btn btn-ghost" onClick={act(() => api().dismissSourceRegroup())} data-testid="source-regroup-dismiss">Dismiss</button>
        </>
      )}
      {status.state === 'failed' && <p className="error-box" role="alert">The re-group stopped: {status.message}</p>}
    </section>
  );
}
