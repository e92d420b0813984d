import { useEffect, useState } from 'react';
import { api } from '../../../api/instance';
import type { ReportQuery, ScrubRule } from '../../../api/client';
import { messageOf } from '../../../lib/errors';
import { countByRule, splitScrubMarks, type PreviewPart } from './scrub-marks';

const ALL_RULES: ScrubRule[] = ['keys', 'headers', 'creditCards', 'ips', 'emails'];

export interface ReportPreview {
  /** The marked Markdown of the last answer (kept while a newer one loads, so the pane does not flash). */
  parts: PreviewPart[] | null;
  /** Spots the unchecked rules would filter (counted in a report with every rule on), so the user sees what stays; null: none unchecked or not loaded. */
  unchecked: Partial<Record<ScrubRule, number>> | null;
  loading: boolean;
  error: string | null;
}

/**
 * The Markdown report with filtered spots marked (`mark=1`), re-read whenever the rules or the
 * replay choice change, and what the unchecked rules would filter. Answers to superseded queries are dropped.
 */
export function useReportPreview(issueId: number, query: ReportQuery): ReportPreview {
  const [preview, setPreview] = useState<ReportPreview>({ parts: null, unchecked: null, loading: true, error: null });
  const key = JSON.stringify({ rules: query.rules, scrub: query.scrub, replay: query.replay });
  useEffect(() => {
    let current = true;
    const asked = JSON.parse(key) as ReportQuery;
    const off = ALL_RULES.filter((rule) => asked.scrub === false || asked.rules?.[rule] !== true);
    setPreview((p) => ({ ...p, loading: true, error: null }));
    const marked = (q: ReportQuery) => api().issueReport(issueId, 'md', { ...q, mark: true }).then(({ blob }) => blob.text());
    const everyRule = off.length === 0 ? Promise.resolve(null)
      : marked({ ...asked, scrub: true, rules: Object.fromEntries(ALL_RULES.map((r) => [r, true])) }).then((text) => countByRule(splitScrubMarks(text)));
    Promise.all([marked(asked), everyRule])
      .then(([text, all]) => {
        if (!current) return;
        const unchecked = all ? Object.fromEntries(off.map((rule) => [rule, all[rule]])) : null;
        setPreview({ parts: splitScrubMarks(text), unchecked, loading: false, error: null });
      })
      .catch((err: unknown) => { if (current) setPreview({ parts: null, unchecked: null, loading: false, error: messageOf(err) }); });
    return () => { current = false; };
  }, [issueId, key]);
  return preview;
}
