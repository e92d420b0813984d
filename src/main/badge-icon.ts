/**
 * The unseen-issue count on Windows' task bar button. `app.setBadgeCount` shows nothing there, so
 * the count is drawn into an overlay icon (`BrowserWindow.setOverlayIcon`, 16 px, bottom right of
 * the button): white digits from a 3×5 pixel font on a red disc, "9+" past nine, as mail and chat
 * apps do. macOS and Linux keep the native badge.
 * @see https://www.electronjs.org/docs/latest/api/browser-window#winsetoverlayiconoverlay-description-windows
 */
import { encodeSquarePng, type Rgba } from './tray-icon';

/** 3×5 glyphs, one string of 3 cells per row, `#` lit. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

const DISC: Rgba = [214, 40, 57, 255];
const DIGIT: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** The text the overlay shows for `count` unseen issues; null when there is nothing to show. */
export function badgeLabel(count: number): string | null {
  if (!Number.isFinite(count) || count < 1) return null;
  return count > 9 ? '9+' : String(Math.floor(count));
}

/** The words screen readers get for the overlay (its `description`). */
export function badgeDescription(count: number): string {
  return `${count} new issue${count === 1 ? '' : 's'}`;
}

/** The largest whole scale at which `glyphs` characters fit inside the disc. */
function glyphScale(size: number, glyphs: number): number {
  const widthCells = glyphs * 4 - 1; // 3 cells a glyph, 1 between
  return Math.max(1, Math.min(Math.floor((size * 0.75) / widthCells), Math.floor((size * 0.7) / 5)));
}

/** A `size`×`size` PNG of `label` (digits and "+") on a red disc. */
export function badgePng(size: number, label: string): Buffer {
  const glyphs = [...label].map((char) => GLYPHS[char]);
  if (glyphs.some((glyph) => glyph === undefined)) throw new RangeError(`badge label must be digits or "+": ${label}`);
  const scale = glyphScale(size, glyphs.length);
  const left = Math.round((size - (glyphs.length * 4 - 1) * scale) / 2);
  const top = Math.round((size - 5 * scale) / 2);
  const centre = size / 2;
  const lit = (x: number, y: number): boolean => {
    const column = Math.floor((x - left) / scale);
    const row = Math.floor((y - top) / scale);
    if (x < left || y < top || row >= 5 || column % 4 === 3) return false;
    return glyphs[Math.floor(column / 4)]?.[row]?.[column % 4] === '#';
  };
  return encodeSquarePng(size, (x, y) => {
    if (lit(x, y)) return DIGIT;
    // Anti-aliased edge: coverage of the pixel by a disc filling the square.
    const coverage = Math.min(1, Math.max(0, centre + 0.5 - Math.hypot(x + 0.5 - centre, y + 0.5 - centre)));
    return coverage === 0 ? CLEAR : [DISC[0], DISC[1], DISC[2], 255 * coverage];
  });
}
