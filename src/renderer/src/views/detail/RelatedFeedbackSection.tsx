import { useEffect, useState } from 'react';
import type { IssueDetail } from '../../../../shared/api-types';
import type { UserFeedback } from '../../../../shared/api-feedback';
import { api } from '../../api/instance';
import { requestJson } from '../../api/http';
import { Section } from '../../components/Section';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';
import { UserFeedbackList } from './UserFeedbackList';

/** A feedback sent in the same replay or trace as the issue's events (`GET /issues/:id/related-feedback`). */
type Related = UserFeedback & { via: 'replay' | 'trace'; viaId: string };

/**
 * Sentry's "User Feedback" for feedback linked to the issue's replay or trace rather than to one of its
 * events by id: the widget's "Report a bug" knows the replay it was sent in, not the error the user met.
 * The bug report quotes it too (`core/report/related-feedback.ts`); shown only when there is some.
 * @see https://docs.sentry.io/product/user-feedback/
 */
export function RelatedFeedbackSection({ issue }: { issue: IssueDetail }) {
  const list = useRelatedFeedback(issue.id, issue.count);
  if (!list || list.items.length === 0) return null;
  const title = list.items.length < list.total ? `${list.total.toLocaleString()}, newest ${list.items.length} shown` : String(list.total);
  return (
    <Section title={`User feedback in this issue's replay or trace (${title})`} testId="related-feedback" id="related-feedback" level={2}>
      {list.items.map((f) => (
        <div key={f.id} className="related-feedback" data-testid="related-feedback-entry">
          <p className="muted small" data-testid="related-feedback-tie">
            Sent in the same {f.via} as this issue's events ({f.via === 'replay'
              ? <a className="mono" href={hrefOf({ name: 'replay', replayId: f.viaId })}>replay {f.viaId.slice(0, 8)}</a>
              : <a className="mono" href={hrefOf({ name: 'trace', traceId: f.viaId })}>trace {f.viaId.slice(0, 8)}</a>}), about no event of it.
          </p>
          <UserFeedbackList items={[f]} about={{ issueId: issue.id, shownEventId: null }} />
        </div>
      ))}
    </Section>
  );
}

/** Read again when the issue gets a new event (it may carry the replay a feedback named) or feedback arrives. */
function useRelatedFeedback(issueId: number, refresh: number): { items: Related[]; total: number } | null {
  const version = useStore((s) => s.feedbackVersion);
  const [loaded, setLoaded] = useState<{ issueId: number; list: { items: Related[]; total: number } } | null>(null);
  useEffect(() => {
    let live = true;
    requestJson<{ items: Related[]; total: number }>(`${api().base}/_lookout/api/issues/${issueId}/related-feedback`)
      .then((list) => { if (live) setLoaded({ issueId, list }); })
      // The section is extra: the page works without it.
      .catch(() => { if (live) setLoaded(null); });
    return () => { live = false; };
  }, [issueId, refresh, version]);
  return loaded?.issueId === issueId ? loaded.list : null;
}
