/**
 * A replay that is still being recorded gains a segment every ~5 s. Rebuilding the player for each
 * would restart playback and lose the playhead; so while a new recording only adds events after
 * those the player was built with, the player keeps them (`base`) and is handed the new ones
 * (`appended`) to add as rrweb's live mode does (`Replayer.addEvent`). A recording that changed
 * otherwise (a segment that arrived late and sorts before the end) rebuilds the player.
 * @see https://github.com/rrweb-io/rrweb/blob/master/docs/recipes/live-mode.md
 */
import { useState } from 'react';
import type { ReplayRrwebEvent } from '../../../shared/api-types';

const same = (a: ReplayRrwebEvent | undefined, b: ReplayRrwebEvent | undefined): boolean =>
  a !== undefined && b !== undefined && a.timestamp === b.timestamp && a.type === b.type;

/** Whether `next` holds `base` unchanged at its start (its first and last events in place). */
export function extendsEvents(next: readonly ReplayRrwebEvent[], base: readonly ReplayRrwebEvent[]): boolean {
  if (base.length === 0 || next.length < base.length) return false;
  return same(next[0], base[0]) && same(next[base.length - 1], base[base.length - 1]);
}

/** The events to build the player with, and those added since (empty until the recording grows). */
export function useGrowingEvents(events: ReplayRrwebEvent[] | null): { base: ReplayRrwebEvent[] | null; appended: ReplayRrwebEvent[] } {
  const [base, setBase] = useState(events);
  // Derived state, set during render as React documents for it: a rebuild waits for no effect.
  const keep = events === base || (events !== null && base !== null && extendsEvents(events, base));
  if (!keep) setBase(events);
  const current = keep ? base : events;
  return { base: current, appended: keep && events && current && events !== current ? events.slice(current.length) : [] };
}
