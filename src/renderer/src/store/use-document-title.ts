/**
 * The one writer of `document.title` (mounted once, App.tsx): the unseen-issue count in front
 * (`(3) `, lib/unseen-issues.ts), then what the view is (lib/page-title.ts): an issue's page by the
 * issue's title and project as soon as it is loaded, other views by what they set with `usePageTitle`,
 * else by their route.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/sentryDocumentTitle.tsx
 */
import { useEffect } from 'react';
import type { Route } from '../routing/route';
import { documentTitle, routeTitleParts } from '../lib/page-title';
import { titleWithCount } from '../lib/unseen-issues';
import { useStore } from './index';
import { useIssueAlerts } from './issue-alerts';
import { usePageTitleState } from './page-title';
import { useProjectNames } from './use-project-names';

export function useDocumentTitle(route: Route): void {
  const names = useProjectNames();
  const issue = useStore((s) => s.issue);
  const viewParts = usePageTitleState((s) => s.parts);
  const count = useIssueAlerts((s) => s.unseen.length);

  const shownIssue = route.name === 'issue' && issue?.id === route.issueId ? issue : null;
  const parts = shownIssue
    ? [shownIssue.title, names.get(shownIssue.projectId)]
    : viewParts ?? routeTitleParts(route, (id) => names.get(id));
  const title = titleWithCount(documentTitle(parts), count);
  useEffect(() => { document.title = title; }, [title]);
}
