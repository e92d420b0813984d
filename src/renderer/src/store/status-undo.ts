import type { IssueStatusBefore } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import { countOf } from '../lib/format';
import type { AppState } from './types';

/**
 * The toast of a bulk status change, with Sentry's Undo when the change changed any issue: Undo sends
 * each issue's state before back to the server (`PUT /issues` `{"restore": …}`), so "resolved in a
 * release" and "ignored until N more" come back as they were, then the list and an open issue reload.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/issueList/actions/index.tsx
 */
export function toastWithUndo(get: () => AppState, text: string, previous: readonly IssueStatusBefore[]): void {
  if (previous.length === 0) { get().toast('success', text); return; }
  get().toast('success', text, {
    label: 'Undo',
    run: () => {
      void api().restoreIssues(previous).then(async ({ restored }) => {
        get().toast('success', `Undone: ${countOf(restored, 'issue')} back as ${restored === 1 ? 'it was' : 'they were'}`);
        await get().reloadIssues();
        const open = get().issue;
        if (open && previous.some((p) => p.id === open.id)) get().replaceIssue(await api().issue(open.id));
      }).catch((err: unknown) => get().toast('error', `Could not undo: ${messageOf(err)}`));
    },
  });
}
