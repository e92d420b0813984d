import type { Project } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { countOf } from '../../lib/format';
import { useConfirmedAction } from './use-confirmed-action';

/**
 * Settings → Projects → "Delete project…": a project made by a mistyped DSN (…/999) is removed
 * with everything stored for it, after a confirm naming what goes. Every open window starts over
 * on the `project_deleted` message; an app still sending to the id makes the project again.
 * @see https://docs.sentry.io/api/projects/delete-a-project/
 */
export function DeleteProject({ project }: { project: Project }) {
  const del = useConfirmedAction(async () => {
    const d = await api().deleteProject(project.id);
    return `Deleted project ${project.name}: ${countOf(d.issues, 'issue')}, ${countOf(d.events, 'event')} and ${countOf(d.envelopes, 'other request')}`;
  }, `Could not delete project ${project.name}`);
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={del.show} data-testid="project-delete-start">Delete project…</button>
      <ConfirmDialog open={del.open} title={`Delete project ${project.name}?`} confirmLabel="Delete project" busy={del.busy}
        busyLabel="Deleting…" onConfirm={del.confirm} onCancel={del.cancel}
        testId={`project-delete-dialog-${project.id}`}>
        <p data-testid="project-delete-counts">
          Project {project.id} ({project.name}): its {countOf(project.issueCount, 'issue')} with {countOf(project.eventCount, 'event')}, and
          its traces, logs, replays, sessions, check-ins, attachments and Stats are deleted from this machine. Other projects stay.
          This cannot be undone; an app still sending to …/{project.id} makes the project again.
        </p>
      </ConfirmDialog>
    </>
  );
}
