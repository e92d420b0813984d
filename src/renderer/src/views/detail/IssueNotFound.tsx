import { useEffect, useState } from 'react';
import type { IssueGone } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { hrefOf } from '../../routing/navigation';

/**
 * An issue link that finds nothing says what Lookout knows of it (`GET /issues/:id/gone`): deleted,
 * merged into another (linked), or not in this store at all; `error` (the load's own message) until
 * that answers, or when it cannot.
 */
export function IssueNotFound({ issueId, error }: { issueId: number; error: string }) {
  const [gone, setGone] = useState<IssueGone | null>(null);
  useEffect(() => {
    let live = true;
    api().issueGone(issueId).then((g) => { if (live) setGone(g); }).catch(() => undefined);
    return () => { live = false; };
  }, [issueId]);
  const known = gone?.id === issueId ? gone : null;
  const into = known?.mergedInto ?? null;
  return (
    <div className="view">
      <div className="error-box" role="alert" data-testid="detail-error" data-gone={known?.state}>
        {known === null ? <>Issue {issueId}: {error}</>
          : known.state === 'merged' && into !== null ? <>Issue {issueId} was merged into <a href={hrefOf({ name: 'issue', issueId: into })}>issue {into}</a>.</>
          : known.state === 'deleted' ? <>Issue {issueId} was deleted, with its events{into !== null && <> (it had been merged into issue {into}, deleted since)</>}.</>
          : <>Issue {issueId} is not in this store: it may have been deleted, or the link comes from another Lookout.</>}
      </div>
    </div>
  );
}
