import { useEffect, useState, type RefObject } from 'react';

export interface SideOverflow {
  /** The content is wider than the region: some columns are out of sight. */
  overflowing: boolean;
  /** Scrolled to the right edge (nothing more to the right). */
  atEnd: boolean;
}

/**
 * Whether a horizontally scrolling region hides content, kept current as it is resized or
 * scrolled, so the view can say that more columns are there instead of leaving them unseen.
 */
export function useSideOverflow(ref: RefObject<HTMLElement | null>, content: unknown): SideOverflow {
  const [state, setState] = useState<SideOverflow>({ overflowing: false, atEnd: true });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      // A pixel of slack: fractional widths round differently in scrollWidth and clientWidth.
      const overflowing = el.scrollWidth - el.clientWidth > 1;
      const atEnd = !overflowing || el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
      setState((prev) => (prev.overflowing === overflowing && prev.atEnd === atEnd ? prev : { overflowing, atEnd }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => { observer.disconnect(); el.removeEventListener('scroll', measure); };
  }, [ref, content]);
  return state;
}
