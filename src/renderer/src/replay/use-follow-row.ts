import { useEffect, useRef } from 'react';

/**
 * The row the playhead last passed, kept in view as Sentry's replay lists do: when the list opens
 * (a replay opened at `?t=` lands on its row), whenever the playhead moves to another row (playing
 * or a seek), and on every seek (`seekSerial` counts them) even within one row. Only the list
 * scrolls: the page stays put and the focus stays where it was. While paused and not seeking the
 * active row does not change, so the scroll is left where the reader put it.
 */
export function useFollowRow<T extends HTMLElement>(activeIndex: number, seekSerial: number) {
  const activeRef = useRef<T | null>(null);
  useEffect(() => {
    if (activeRef.current) scrollRowIntoList(activeRef.current);
  }, [activeIndex, seekSerial]);
  return activeRef;
}

/** Scrolls the row's nearest scrolling ancestor just enough to show it (`scrollIntoView` would scroll the page too). */
export function scrollRowIntoList(row: HTMLElement): void {
  let list = row.parentElement;
  while (list && !(list.scrollHeight > list.clientHeight && /(auto|scroll)/.test(getComputedStyle(list).overflowY))) list = list.parentElement;
  if (!list) return;
  const rowBox = row.getBoundingClientRect();
  const listBox = list.getBoundingClientRect();
  if (rowBox.top < listBox.top) list.scrollTop -= listBox.top - rowBox.top;
  else if (rowBox.bottom > listBox.bottom) list.scrollTop += Math.min(rowBox.bottom - listBox.bottom, rowBox.top - listBox.top);
}

/** `past`, `active` or `future` relative to the playhead, for styling a row. */
export function rowState(index: number, activeIndex: number): 'past' | 'active' | 'future' {
  return index === activeIndex ? 'active' : index < activeIndex ? 'past' : 'future';
}
