/**
 * The User Feedback page's keys (`j`/`k` move, `Enter` opens, `Esc` closes the pane), handed to
 * the app's one shortcut listener (`routing/shortcuts.ts`), which already skips typing in fields
 * and open dialogs. The page registers its handler while it is shown: its list lives in its state.
 */
type KeyHandler = (key: string) => boolean;

let current: KeyHandler | null = null;

/** Installs the page's handler; the returned function removes it (unless another replaced it). */
export function setFeedbackKeys(handler: KeyHandler): () => void {
  current = handler;
  return () => { if (current === handler) current = null; };
}

/** A key pressed on the User Feedback page; true when the page used it. */
export function onFeedbackKey(key: string): boolean {
  return current?.(key) ?? false;
}
