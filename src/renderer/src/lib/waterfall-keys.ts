/**
 * Moving through the waterfall's visible rows by keyboard, as a tree grid does (WAI-ARIA treegrid):
 * ↑ / ↓ the row before or after, Home / End the first and last, ← on a closed row its parent row,
 * → on an open row its first child. Opening and closing (→ on a closed row, ← on an open one) stays
 * with the row itself.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/treegrid/
 */
import type { WaterfallRow } from './span-group-rows';

export type StepKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'ArrowLeft' | 'ArrowRight';

const STEP_KEYS: ReadonlySet<string> = new Set<StepKey>(['ArrowUp', 'ArrowDown', 'Home', 'End', 'ArrowLeft', 'ArrowRight']);

export function isStepKey(key: string): key is StepKey {
  return STEP_KEYS.has(key);
}

/**
 * The index of the row `key` moves to from `from` (a row index, -1 when none is selected: ↓ and
 * Home go to the first, ↑ and End to the last); null when it does not move (an edge, or ← / → that
 * open or close the row instead).
 */
export function stepRow(rows: readonly Pick<WaterfallRow, 'depth' | 'open' | 'childCount'>[], from: number, key: StepKey): number | null {
  if (rows.length === 0) return null;
  const last = rows.length - 1;
  const current = rows[from];
  let to: number | null;
  switch (key) {
    case 'Home': to = 0; break;
    case 'End': to = last; break;
    case 'ArrowDown': to = current ? Math.min(from + 1, last) : 0; break;
    case 'ArrowUp': to = current ? Math.max(from - 1, 0) : last; break;
    case 'ArrowLeft': {
      // Only a row with nothing to close goes up to its parent: the nearest row above, one level up.
      if (!current || (current.open && current.childCount > 0)) return null;
      to = null;
      for (let i = from - 1; i >= 0; i--) if (rows[i]!.depth < current.depth) { to = i; break; }
      break;
    }
    case 'ArrowRight': {
      const next = rows[from + 1];
      to = current?.open && next && next.depth > current.depth ? from + 1 : null;
      break;
    }
  }
  return to === from ? null : to;
}
