import { useEffect, useRef, type ReactNode } from 'react';

/**
 * How the reader last acted: a click or Enter/Space opens details (they are brought into view and
 * take focus); ↑/↓ (or any other key) browses the waterfall's rows, which must keep focus and stay put.
 */
let lastAction: 'open' | 'browse' | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('pointerdown', () => { lastAction = 'open'; }, true);
  document.addEventListener('keydown', (e) => { lastAction = e.key === 'Enter' || e.key === ' ' ? 'open' : 'browse'; }, true);
}

/** Whether an element's top is inside the window (the details start there, so the reader sees they opened). */
function headVisible(el: HTMLElement): boolean {
  const { top } = el.getBoundingClientRect();
  return top >= 0 && top < window.innerHeight - 40;
}

/**
 * Holds the selected span's (or group's) details, which sit below the waterfall: a long trace put
 * them out of sight, so a click seemed to do nothing. On each selection by click, Enter or Space
 * (not ↑/↓ through the rows, nor a link's span on load) it scrolls them into view when their heading
 * is out of sight. Focus stays on the row, so ↑/↓ go on moving the selection (the waterfall's
 * keyboard model); Esc closes them and leaves focus on the row they are about.
 * @see https://www.w3.org/WAI/ARIA/apg/practices/keyboard-interface/
 */
export function DetailInView({ selectedKey, onClose, children }: { selectedKey: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const box = ref.current;
    const heading = box?.querySelector<HTMLElement>('h2, h3');
    if (!box || !heading || lastAction !== 'open' || headVisible(heading)) return;
    box.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      // Esc in a field or an open dialog is theirs.
      if (target?.closest('input, textarea, select') || document.querySelector('dialog[open], [aria-modal="true"]')) return;
      e.preventDefault();
      close.current();
      document.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(selectedKey)}"]`)?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selectedKey]);

  return <div ref={ref} className="detail-in-view" data-testid="detail-in-view">{children}</div>;
}
