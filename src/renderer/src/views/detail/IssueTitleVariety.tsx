import type { IssueDetail } from '../../../../shared/api-types';
import { EventLine } from '../../components/EventLine';
import './grouping-explained.css';

/**
 * "3 events, 2 distinct messages", with the titles and their counts: an issue whose events do not
 * all say the same thing mixes errors (they share one grouping hash, not necessarily the error;
 * the Grouping section of each event says which hash joined it).
 */
export function IssueTitleVariety({ issue }: { issue: IssueDetail }) {
  const titles = issue.titles;
  if (!titles || titles.distinct < 2) return null;
  const events = `${issue.count.toLocaleString()} event${issue.count === 1 ? '' : 's'}`;
  return (
    <details className="issue-title-variety" data-testid="issue-title-variety">
      <summary>
        <span data-testid="issue-title-variety-summary">{events}, {titles.distinct.toLocaleString()} distinct messages</span>
        <span className="muted small"> — this issue mixes errors that share a grouping hash</span>
      </summary>
      <ul>
        {titles.top.map((t) => (
          <li key={t.title} data-testid="issue-title-variety-item">
            <span className="mono small issue-title-variety-count">{t.count.toLocaleString()}×</span> <EventLine text={t.title} />
          </li>
        ))}
        {titles.distinct > titles.top.length && <li className="muted small">and {(titles.distinct - titles.top.length).toLocaleString()} more</li>}
      </ul>
    </details>
  );
}
