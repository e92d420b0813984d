import { useEffect, useState } from 'react';
import type { SuspectCommitInfo } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { RelativeTime } from '../../components/RelativeTime';

/**
 * The commit that last touched the line of the issue's top in-app frame (`git blame`). Nothing
 * is shown without git, outside a repository, or when the lookup fails.
 * @see https://docs.sentry.io/product/issues/suspect-commits/
 */
export function SuspectCommitBox({ issueId, lastSeen }: { issueId: number; lastSeen: number }) {
  const [commit, setCommit] = useState<{ issueId: number; info: SuspectCommitInfo } | null>(null);

  useEffect(() => {
    let live = true;
    api().suspectCommit(issueId)
      .then((info) => { if (live) setCommit(info ? { issueId, info } : null); })
      .catch(() => { if (live) setCommit(null); });
    return () => { live = false; };
  }, [issueId, lastSeen]);

  if (!commit || commit.issueId !== issueId) return null;
  const c = commit.info;
  const file = c.file.split(/[\\/]/).slice(-2).join('/');
  return (
    <div className="suspect-commit" data-testid="suspect-commit" title={`${c.file}:${c.line} — ${c.hash}`}>
      <span className="suspect-label">Suspect commit</span>
      <code className="mono" data-testid="suspect-hash">{c.shortHash}</code>
      <span className="suspect-summary ellipsis" data-testid="suspect-summary">{c.summary}</span>
      <span className="muted small">{c.author} · <RelativeTime ms={c.date} /> · {file}:{c.line}</span>
      {c.changedAfterFirstSeen && <span className="badge badge-danger" data-testid="suspect-changed">Changed after first seen</span>}
    </div>
  );
}
