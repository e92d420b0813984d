import { useState } from 'react';
import type { Project } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { messageOf } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { useStore } from '../../store';

/**
 * Settings → Projects → "Delete project…": a project made by a mistyped DSN (…/999) is removed
 * with everything stored for it, after a confirm naming what goes. Every open window starts over
 * on the `project_deleted` message; an app still sending to the id makes the project again.
 * @see https://docs.sentry.io/api/projects/delete-a-project/
 */
export function DeleteProject({ project }: { project: Project }) {
  const toast = useStore((s) => s.toast);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      const d = await api().deleteProject(project.id);
      toast('success', `Deleted project ${project.name}: ${countOf(d.issues, 'issue')}, ${countOf(d.events, 'event')} and ${countOf(d.envelopes, 'other request')}`);
      setOpen(false);
    } catch (err) {
      toast('error', `Could not delete project ${project.name}: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)} data-testid="project-delete-start">Delete project…</button>
      <ConfirmDialog open={open} title={`Delete project ${project.name}?`} confirmLabel="Delete project" busy={busy}
        busyLabel="Deleting…" onConfirm={() => void confirm()} onCancel={() => { if (!busy) setOpen(false); }}
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
