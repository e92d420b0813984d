import { useEffect } from 'react';
import type { HistoryPeriod, IssueHistory } from '../../../../shared/api-issue-history';
import { useStore } from '../../store';

/**
 * The issue's history over `period`, read when the chart shows it and then with each live refresh
 * of the issue (`scheduleDetailRefresh`: coalesced, one at a time), in the same tick as its header
 * counts and tags, so the chart's total and the header's count are read together.
 */
export function useIssueHistory(issueId: number, period: HistoryPeriod): { history: IssueHistory | null; error: string | null } {
  const show = useStore((s) => s.showIssueHistory);
  useEffect(() => { show(issueId, period); }, [show, issueId, period]);
  const shown = useStore((s) => s.detailHistory);
  return shown?.issueId === issueId && shown.period === period ? { history: shown.history, error: shown.error } : { history: null, error: null };
}
