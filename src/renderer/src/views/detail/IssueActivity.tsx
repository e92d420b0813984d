import { useEffect, useState } from 'react';
import type { ActivityEntry, IssueDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { RelativeTime } from '../../components/RelativeTime';
import { countOf } from '../../lib/format';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);

function IssueLink({ id }: { id: number }) {
  return <a href={hrefOf({ name: 'issue', issueId: id })}>#{id}</a>;
}

/** One line of history, in Sentry's words where it has them. Data is the server's, but read as untrusted. */
function Describe({ entry }: { entry: ActivityEntry }) {
  const { data } = entry;
  const release = str(data.release);
  const events = num(data.events);
  const eventsNote = events !== null ? ` (${countOf(events, 'event')})` : '';
  switch (entry.kind) {
    case 'first_seen': return <>First seen{release && <> in <code>{release}</code></>}</>;
    case 'resolved': return <>Marked resolved</>;
    case 'resolved_next_release': return <>Marked resolved in the next release{release && <> (after <code>{release}</code>)</>}</>;
    case 'ignored': {
      const until = num(data.untilCount);
      return <>Ignored{until !== null && ` until ${countOf(until, 'more event')}`}</>;
    }
    case 'unresolved': return <>Marked unresolved</>;
    case 'regressed': return <>Regressed{release && <> in <code>{release}</code></>}</>;
    case 'unignored': return <>Unignored: the events it was ignored for arrived</>;
    case 'merged': {
      const merged = ids(data.issues);
      return <>Merged {merged.map((id, i) => <span key={id}>{i > 0 && ', '}#{id}</span>)} into this issue{eventsNote}</>;
    }
    case 'unmerged': {
      const to = num(data.issue);
      return <>Unmerged{eventsNote} into {to !== null ? <IssueLink id={to} /> : 'a new issue'}</>;
    }
    case 'unmerged_from': {
      const from = num(data.issue);
      return <>Unmerged from {from !== null ? <IssueLink id={from} /> : 'another issue'}{eventsNote}</>;
    }
    default: return <>{String(entry.kind)}</>;
  }
}

/**
 * Sentry's "Activity" of an issue: status changes, regressions, merges, first seen; newest first.
 * Read again when the status or a merge into it changes, not per event.
 * @see https://docs.sentry.io/product/issues/issue-details/#activity
 */
export function IssueActivity({ issue }: { issue: IssueDetail }) {
  const mergeVersion = useStore((s) => s.mergeVersion);
  const [entries, setEntries] = useState<{ issueId: number; list: ActivityEntry[] } | null>(null);
  useEffect(() => {
    let live = true;
    api().issueActivity(issue.id).then((list) => { if (live) setEntries({ issueId: issue.id, list }); }).catch(() => undefined);
    return () => { live = false; };
  }, [issue.id, issue.status, issue.regressed, mergeVersion]);
  const list = entries?.issueId === issue.id ? entries.list : [];
  if (list.length === 0) return null;
  return (
    <>
      <h3 className="aside-title">Activity</h3>
      <ol className="activity-list" data-testid="issue-activity">
        {list.map((entry, i) => (
          <li key={`${entry.at}-${i}`} data-testid="activity-entry" data-kind={entry.kind}>
            <span><Describe entry={entry} />{entry.data.undo === true && <span className="muted" data-testid="activity-undo"> (Undo of a bulk change)</span>}</span>
            <span className="muted small"><RelativeTime ms={entry.at} /></span>
          </li>
        ))}
      </ol>
    </>
  );
}
