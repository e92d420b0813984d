import type { StatusChange } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { IssueFilters } from '../../routing/route';
import { useStore } from '../../store';

/** A status change asked of every issue a search matches, waiting for its confirmation. */
export interface PendingMatchingChange { status: StatusChange['status']; verb: 'Resolve' | 'Ignore' | 'Unresolve'; doing: string }

/** The search as one line, the box's text and the chips beside it: what the dialog quotes. */
export function searchOf(f: IssueFilters, projectName: string | null): string {
  return [projectName !== null ? `project:${projectName}` : '', f.level ? `level:${f.level}` : '', f.environment ? `environment:${f.environment}` : '',
    f.release ? `release:${f.release}` : '', f.query?.trim() ?? ''].filter(Boolean).join(' ');
}

/**
 * As Sentry asks before a bulk action over a whole search ("Resolve 1,134 issues matching
 * `release:app@1.9.0`?"): the count and the search, quoted as text. The toast after it offers Undo.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/issueList/actions/index.tsx (shouldConfirm)
 */
export function ConfirmMatchingStatus({ pending, count, onConfirm, onCancel }: {
  pending: PendingMatchingChange | null; count: number; onConfirm: (p: PendingMatchingChange) => void; onCancel: () => void;
}) {
  const filters = useStore((s) => s.filters);
  const projects = useStore((s) => s.projects);
  const project = filters.project !== undefined ? (projects.find((p) => p.id === filters.project)?.name ?? String(filters.project)) : null;
  const search = searchOf(filters, project);
  const what = `${count.toLocaleString()} issue${count === 1 ? '' : 's'}`;
  const label = pending ? `${pending.verb} ${what}` : '';
  const quoted = search.length > 80 ? `${search.slice(0, 79)}…` : search;
  return (
    <ConfirmDialog open={pending !== null} title={search ? `${label} matching \`${quoted}\`?` : `${label}: every issue of the list?`}
      confirmLabel={label} busyLabel={pending?.doing ?? ''}
      onConfirm={() => { if (pending) onConfirm(pending); }} onCancel={onCancel} testId="bulk-status-dialog">
      <p>Every issue of {filters.status === 'all' ? 'any status' : `the ${filters.status.replace(/_/g, ' ')} tab`} that matches this search, not only the
        loaded rows. The toast afterwards offers Undo, which puts each issue back as it was.</p>
    </ConfirmDialog>
  );
}
