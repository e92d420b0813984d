import { useEffect, useState } from 'react';
import { api } from '../../../api/instance';
import type { ReportQuery } from '../../../api/client';
import { messageOf } from '../../../lib/errors';
import { splitScrubMarks, type PreviewPart } from './scrub-marks';

export interface ReportPreview {
  /** The marked Markdown of the last answer (kept while a newer one loads, so the pane does not flash). */
  parts: PreviewPart[] | null;
  loading: boolean;
  error: string | null;
}

/**
 * The Markdown report with filtered spots marked (`mark=1`), re-read whenever the rules or the
 * replay choice change. Answers to superseded queries are dropped.
 */
export function useReportPreview(issueId: number, query: ReportQuery): ReportPreview {
  const [preview, setPreview] = useState<ReportPreview>({ parts: null, loading: true, error: null });
  const key = JSON.stringify({ rules: query.rules, scrub: query.scrub, replay: query.replay });
  useEffect(() => {
    let current = true;
    const asked = JSON.parse(key) as ReportQuery;
    setPreview((p) => ({ ...p, loading: true, error: null }));
    api().issueReport(issueId, 'md', { ...asked, mark: true })
      .then(({ blob }) => blob.text())
      .then((text) => { if (current) setPreview({ parts: splitScrubMarks(text), loading: false, error: null }); })
      .catch((err: unknown) => { if (current) setPreview({ parts: null, loading: false, error: messageOf(err) }); });
    return () => { current = false; };
  }, [issueId, key]);
  return preview;
}
