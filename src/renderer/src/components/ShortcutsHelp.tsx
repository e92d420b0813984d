import { useModalDialog } from './use-modal-dialog';
import { useStore } from '../store';

/** What routing/shortcuts.ts does, by view: keep the two in step. */
const GROUPS: [string, [string, string][]][] = [
  ['Anywhere', [['/', 'Search issues'], ['?', 'Show these shortcuts']]],
  ['Issue list', [['j / k', 'Next / previous issue'], ['Enter', 'Open the issue'], ['r', 'Resolve the selected issues, else the focused one'],
    ['e', 'Ignore the selected issues, else the focused one'], ['m', 'Merge the selected issues (asks first)'],
    ['Esc', 'Clear the selection; in the search box, leave it (the search stays)']]],
  ['Issue page', [['j / k', 'Older / newer event'], ['r', 'Resolve'], ['e', 'Ignore'], ['Esc', 'Back to the list']]],
  ['Sidebar', [['↑ / ↓', 'Move between projects (the list is one Tab stop)'], ['→ / ←', 'To the project\'s Copy DSN button and back']]],
  ['User Feedback', [['j / k', 'Next / previous feedback'], ['Enter', 'Open the feedback'], ['r', 'Resolve the selected feedback, else the focused one'],
    ['Esc', 'Clear the selection, else close the open feedback']]],
  ['Replay', [['Space', 'Play / pause'], ['Esc', 'Back']]],
];

/** The keyboard shortcuts, in a modal dialog (`?` opens it; Esc or Close shuts it). */
export function ShortcutsHelp() {
  const open = useStore((s) => s.shortcutsOpen);
  const setOpen = useStore((s) => s.setShortcutsOpen);
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)} data-testid="shortcuts-dialog">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      {GROUPS.map(([title, keys]) => (
        <section key={title}>
          <h3>{title}</h3>
          <dl>
            {keys.map(([key, what]) => (
              <div key={key} className="shortcut-row"><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>
            ))}
          </dl>
        </section>
      ))}
      <form method="dialog"><button type="submit" className="btn" autoFocus>Close</button></form>
    </dialog>
  );
}
