import { useState } from 'react';
import type { IssueSummary } from '../../../../shared/api-types';
import type { StatusChange } from '../../api/client';
import { useStore } from '../../store';

/** Resolve / Resolve in next release / Ignore / Ignore until N more / Unresolve. */
export function StatusActions({ issue }: { issue: IssueSummary }) {
  const change = useStore((s) => s.changeIssuesStatus);
  const [untilCount, setUntilCount] = useState(10);
  const [busy, setBusy] = useState(false);
  const run = async (c: StatusChange): Promise<void> => {
    setBusy(true);
    try { await change([issue.id], c); } finally { setBusy(false); }
  };
  if (issue.status !== 'unresolved') {
    return (
      <div className="status-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void run({ status: 'unresolved' })} data-testid="action-unresolve">Unresolve</button>
      </div>
    );
  }
  return (
    <div className="status-actions">
      <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run({ status: 'resolved' })}
        data-testid="action-resolve" title="Resolve (r)">Resolve</button>
      <button type="button" className="btn" disabled={busy || !issue.lastRelease} onClick={() => void run({ status: 'resolved_next_release' })}
        title={issue.lastRelease ? `Reopen on an event from a release after ${issue.lastRelease}`
          : 'The events carry no release: set `release` in Sentry.init to resolve in the next one'}
        data-testid="action-resolve-next">Resolve in next release</button>
      <button type="button" className="btn" disabled={busy} onClick={() => void run({ status: 'ignored' })} data-testid="action-ignore">Ignore</button>
      <span className="ignore-until">
        <button type="button" className="btn" disabled={busy || !(untilCount > 0)} data-testid="action-ignore-until"
          onClick={() => void run({ status: 'ignored', ignoreUntilCount: untilCount })}>Ignore until</button>
        <input type="number" min={1} max={1_000_000} value={untilCount} aria-label="More events before it reopens"
          onChange={(e) => setUntilCount(Math.max(1, Math.floor(Number(e.target.value) || 1)))} data-testid="ignore-until-count" />
        <span className="muted small">more events</span>
      </span>
    </div>
  );
}
