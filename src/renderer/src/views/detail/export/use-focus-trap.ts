import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/** Tab/Shift+Tab wrap at the ends, and bring focus back in when it was lost (e.g. to <body>). */
function cycle(root: HTMLElement, e: globalThis.KeyboardEvent): void {
  const items = focusables(root);
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (!first || !last) { e.preventDefault(); return; }
  if (!root.contains(active)) { e.preventDefault(); (e.shiftKey ? last : first).focus(); }
  else if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
}

/**
 * Modal keyboard handling: focus moves into `ref` on mount and back to the opener on unmount; Tab
 * and Shift+Tab stay inside; Esc calls `onClose`. While open, no key reaches the app's global
 * shortcuts (Esc would otherwise leave the issue, `r` resolve it), even when focus fell to <body>.
 * @returns the container's onKeyDown handler (stops keys typed inside from bubbling to window).
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, onClose: () => void): (e: KeyboardEvent) => void {
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (root) (root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root)[0] ?? root).focus();
    // Capture phase on window: runs before the global shortcut listener, wherever focus is.
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const inside = root !== null && e.target instanceof Node && root.contains(e.target);
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close.current();
      } else if (e.key === 'Tab' && root) {
        cycle(root, e);
      } else if (!inside) {
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      opener?.focus();
    };
  }, [ref]);

  return (e) => e.stopPropagation();
}
