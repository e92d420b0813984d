import { useState } from 'react';
import type { EventDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { navigate } from '../../routing/navigation';
import { useStore } from '../../store';

/**
 * Shown when a source map that appeared after ingest now resolves this event's frames: the
 * issue was grouped on the minified frames, and "Re-group with source maps" fixes that (merging
 * the issue into the newer one its events now match, when there is one). Settings offers the
 * same for every such issue at once when a source folder is saved (SourceRegroupOffer.tsx).
 */
export function ResymbolicatedNotice({ detail }: { detail: EventDetail }) {
  const [busy, setBusy] = useState(false);
  const issueId = detail.issueId;

  const regroup = async (): Promise<void> => {
    if (issueId === null) return;
    const { toast, openIssue, scheduleDetailRefresh, mergedAway } = useStore.getState();
    setBusy(true);
    try {
      const result = await api().regroupIssue(issueId);
      // This window's list and counts at once; the others hear it on the stream (`issues_merged`).
      if (result.mergedInto !== null) mergedAway([issueId], result.mergedInto);
      const moved = await api().event(detail.eventId);
      const merged = result.mergedInto !== null ? `, and merged this issue into #${result.mergedInto}, which its events now match` : '';
      const skipped = result.skipped > 0 ? ` (${result.skipped} could not be read and stay as they were)` : '';
      toast('success', `Re-grouped ${result.resymbolicated} of ${result.events} events with source maps${merged}${skipped}`);
      if (moved.issueId !== null && moved.issueId !== issueId) {
        navigate({ name: 'issue', issueId: moved.issueId, eventId: detail.eventId });
      } else {
        await openIssue(issueId, detail.eventId);
        scheduleDetailRefresh(issueId);
      }
    } catch (err) {
      toast('error', `Could not re-group: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="resymbolicated-notice" role="status" data-testid="resymbolicated-notice">
      <span>
        Source maps now resolve frames that were minified when this event arrived. The issue was grouped on the minified frames.
      </span>
      {issueId !== null && (
        <button type="button" className="btn" disabled={busy} onClick={() => void regroup()} data-testid="regroup-sourcemaps">
          {busy ? 'Re-grouping…' : 'Re-group with source maps'}
        </button>
      )}
    </div>
  );
}
