import { useEffect, useRef } from 'react';

/**
 * The row the playhead last passed, kept in view while playing (as the breadcrumb list does);
 * when paused the scroll is left where the reader put it.
 */
export function useFollowRow<T extends HTMLElement>(activeIndex: number, follow: boolean) {
  const activeRef = useRef<T | null>(null);
  useEffect(() => {
    if (follow) activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, follow]);
  return activeRef;
}

/** `past`, `active` or `future` relative to the playhead, for styling a row. */
export function rowState(index: number, activeIndex: number): 'past' | 'active' | 'future' {
  return index === activeIndex ? 'active' : index < activeIndex ? 'past' : 'future';
}
