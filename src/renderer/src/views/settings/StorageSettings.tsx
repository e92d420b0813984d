import { useCallback, useEffect, useState } from 'react';
import type { StorageStatus } from '../../../../shared/api-storage';
import { compactStore, fetchStorage } from '../../api/storage-client';
import { messageOf } from '../../lib/errors';
import { absoluteTime, byteSize, localeNumber } from '../../lib/format';

/** How often the figures refresh: often while a compaction runs (its elapsed time), else now and then. */
const POLL_BUSY_MS = 1000;
const POLL_IDLE_MS = 5000;

/**
 * Settings → Storage: the store's size on disk (database and WAL), its events, what retention
 * deleted lately, and "Compact now" for a store whose file does not shrink by itself (one made
 * before incremental auto-vacuum: VACUUM rewrites it once and turns that on).
 */
export function StorageSettings() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const load = useCallback(() => fetchStorage().then((s) => { setStatus(s); setError(null); setNow(Date.now()); }, (err: unknown) => setError(messageOf(err))), []);
  const compacting = status?.compaction.running === true;
  useEffect(() => {
    void load();
    const timer = setInterval(() => { void load(); }, compacting ? POLL_BUSY_MS : POLL_IDLE_MS);
    return () => clearInterval(timer);
  }, [load, compacting]);
  const compact = () => { compactStore().then(setStatus, (err: unknown) => setError(messageOf(err))); };
  if (!status) return error ? <section className="card"><h2>Storage</h2><div className="error-box" role="alert">{error}</div></section> : null;
  const last = status.compaction.last;
  return (
    <section className="card" aria-labelledby="storage-heading" data-testid="storage-settings">
      <h2 id="storage-heading">Storage</h2>
      <p data-testid="storage-size">
        On disk: <strong>{byteSize(status.dbBytes + status.walBytes)}</strong> (database {byteSize(status.dbBytes)}, write-ahead log {byteSize(status.walBytes)})
        {' · '}<span data-testid="storage-events">{localeNumber(status.events)} events</span>
        {status.freeBytes > 0 && <> · {byteSize(status.freeBytes)} free inside the file</>}
      </p>
      {status.autoVacuum === 'incremental'
        ? <p className="field-hint">Space retention frees goes back to the disk after each run; the size limit counts what the data takes.</p>
        : <p className="field-hint" data-testid="storage-compact-hint">This store was made before Lookout gave freed space back to the disk: its file keeps its largest size.
          Compact it once (ingest pauses while it runs; apps' requests wait and are stored after) and from then on it shrinks as retention deletes.</p>}
      <p>
        <button type="button" className="btn" onClick={compact} disabled={compacting} data-testid="storage-compact">
          {compacting ? 'Compacting…' : 'Compact now'}
        </button>
        <span role="status" className="field-hint" data-testid="storage-compact-status">
          {compacting && status.compaction.startedAt !== null && ` Compacting for ${Math.max(0, Math.round((now - status.compaction.startedAt) / 1000))} s; ingest is paused until it ends.`}
          {!compacting && last && (last.error ? ` Compaction failed: ${last.error}`
            : ` Compacted ${absoluteTime(last.at)} in ${(last.tookMs / 1000).toFixed(1)} s: ${byteSize(last.bytesBefore)} → ${byteSize(last.bytesAfter)}.`)}
        </span>
      </p>
      {error && <div className="error-box" role="alert">{error}</div>}
      <h3>Deleted by retention</h3>
      {status.runs.length === 0
        ? <p className="field-hint" data-testid="retention-runs-empty">Nothing since Lookout started{status.retentionRunning ? ' (a run is under way)' : ''}.</p>
        : (
          <ul className="plain-list" data-testid="retention-runs">
            {status.runs.map((run) => (
              <li key={run.at}>
                <span className="mono">{absoluteTime(run.at)}</span> {run.summary.replace(/^retention: /, '')}
                <span className="field-hint"> — {(run.tookMs / 1000).toFixed(1)} s, ingest waited at most {run.longestStepMs} ms
                  {run.freedBytes > 0 ? `, ${byteSize(run.freedBytes)} given back to the disk` : ''}</span>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
