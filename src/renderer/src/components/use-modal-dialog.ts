import { useEffect, useRef } from 'react';

/** What Tab can reach inside a dialog, in document order. */
const TABBABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

function tabbablesOf(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
}

/**
 * Keeps Tab inside a modal dialog: from its last control to its first and, with Shift, back. A modal
 * `<dialog>` makes the page behind it inert, but Tab still leaves it for the browser's own controls
 * (the address bar), where Esc no longer closes it.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/
 */
function trapTab(dialog: HTMLDialogElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
  const stops = tabbablesOf(dialog);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) { e.preventDefault(); return; }
  const active = document.activeElement;
  const inside = active instanceof Node && dialog.contains(active);
  if (e.shiftKey && (active === first || !inside)) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && (active === last || !inside)) { e.preventDefault(); first.focus(); }
}

/** A `<dialog>` shown modally while `open` (the browser's top layer, focus and Esc, Tab kept inside), closed otherwise. */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onKey = (e: KeyboardEvent): void => trapTab(dialog, e);
    dialog.addEventListener('keydown', onKey);
    return () => dialog.removeEventListener('keydown', onKey);
  }, []);
  return ref;
}
