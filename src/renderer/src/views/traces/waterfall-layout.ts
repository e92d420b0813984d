/** Shared geometry of the waterfall's rows: indents and where a bar's duration label goes. */
import type { CSSProperties } from 'react';

export const SPAN_ROW_HEIGHT = 30;
/** Deeper spans stop moving right, so a 1,000-deep chain stays readable. */
const MAX_INDENT_DEPTH = 24;

/**
 * A row's indent: 14 px a level near the root, 5 px a level deeper down, and never more than
 * 30 % of the name column, so a 20-deep chain of middleware still shows its names.
 */
export function indentOf(depth: number): string {
  const levels = Math.min(depth, MAX_INDENT_DEPTH);
  const px = 6 + Math.min(levels, 6) * 14 + Math.max(0, levels - 6) * 5;
  return `min(${px}px, 30%)`;
}

export interface Bar { left: number; width: number }

/** The duration label goes after the bar, or before it (or inside it) when the bar reaches the right edge. */
export function labelInside(bar: Bar): boolean {
  return bar.left + bar.width > 80 && bar.left < 20;
}

export function labelStyle(bar: Bar): CSSProperties {
  if (bar.left + bar.width <= 80) return { left: `calc(${bar.left + bar.width}% + 6px)` };
  if (labelInside(bar)) return { right: `calc(${100 - bar.left - bar.width}% + 6px)` };
  return { right: `calc(${100 - bar.left}% + 6px)` };
}

/** A time span placed on the axis, in percent, clamped to the track (so something outside sits at its edge). */
export function placeOnAxis(startMs: number, endMs: number, axisStart: number, axisMs: number): Bar {
  if (axisMs <= 0) return { left: 0, width: 100 };
  const left = Math.min(100, Math.max(0, ((startMs - axisStart) / axisMs) * 100));
  const right = Math.min(100, Math.max(left, ((endMs - axisStart) / axisMs) * 100));
  return { left, width: right - left };
}
