import { useEffect, useRef } from 'react';
import { useModalDialog } from './use-modal-dialog';
import { useStore } from '../store';
import './shortcuts-help.css';

/** What routing/shortcuts.ts does, by view: keep the two in step. */
const GROUPS: [string, [string, string][]][] = [
  ['Anywhere', [['/', 'Search issues'], ['?', 'Show these shortcuts']]],
  ['Issue list', [['j / k', 'Next / previous issue (↓ / ↑ too, in the list)'], ['Home / End', 'First / last loaded issue, in the list'],
    ['Enter / o', 'Open the issue'], ['x', 'Check or uncheck the focused issue (Space too, on its row)'],
    ['→ / ←', 'From the row to its checkbox and title link, and back'], ['r', 'Resolve the selected issues, else the focused one'],
    ['e', 'Ignore the selected issues, else the focused one'], ['m', 'Merge the selected issues (asks first)'],
    ['Esc', 'Clear the selection; in the search box, leave it (the search stays)']]],
  ['Issue page', [['j / k', 'Older / newer event'], ['r', 'Resolve'], ['e', 'Ignore'], ['Esc', 'Back to the list']]],
  ['Sidebar', [['↑ / ↓', 'Move between projects (the list is one Tab stop)'], ['→ / ←', 'To the project\'s Copy DSN button and back']]],
  ['User Feedback', [['j / k', 'Next / previous feedback'], ['Enter', 'Open the feedback'], ['r', 'Resolve the selected feedback, else the focused one'],
    ['Esc', 'Clear the selection, else close the open feedback']]],
  ['Replay', [['Space / k', 'Play / pause (not while a button or field has focus)'], ['Esc', 'Back']]],
];

/**
 * The keyboard shortcuts, in a modal dialog (`?` opens it; Esc or Close shuts it). The title and
 * Close stay put and the list scrolls between them: with Close focused at the end of one long
 * scrolling dialog, it opened scrolled to the bottom, its title cut off.
 */
export function ShortcutsHelp() {
  const open = useStore((s) => s.shortcutsOpen);
  const setOpen = useStore((s) => s.setShortcutsOpen);
  const ref = useModalDialog(open);
  // showModal() focuses the first focusable element, now the scrolling list: Close keeps the focus it had.
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (open) close.current?.focus({ preventScroll: true }); }, [open]);
  return (
    <dialog ref={ref} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)} data-testid="shortcuts-dialog">
      <h2 id="shortcuts-title" data-testid="shortcuts-title">Keyboard shortcuts</h2>
      {/* Focusable, so the list scrolls by keyboard too. */}
      <div className="shortcuts-body" tabIndex={0} role="region" aria-labelledby="shortcuts-title" data-testid="shortcuts-body">
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
      </div>
      <form method="dialog"><button type="submit" className="btn" ref={close}>Close</button></form>
    </dialog>
  );
}
