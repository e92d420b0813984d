/**
 * Remembers the window's size, position and maximized state in the desktop settings file
 * (`<userData>/settings.json`, key `window`, beside `port`), and places a restored window on a
 * display that still exists: a window last seen on an unplugged monitor comes back centred on the
 * primary one, and one larger than its display shrinks to fit. Electron-free: index.ts passes in
 * the displays' work areas (`screen.getAllDisplays()`), window-state.test.ts passes made-up ones.
 * @see https://www.electronjs.org/docs/latest/api/screen
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Rect { x: number; y: number; width: number; height: number }

export interface WindowState {
  /** The un-maximized bounds (`getNormalBounds()`), so un-maximizing after a restore has a size to go back to. */
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
/** How long the window must rest before a move or resize is written (drags fire dozens of events a second). */
export const SAVE_DELAY_MS = 500;

const MAX_COORDINATE = 100_000;

function coordinate(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_COORDINATE ? value : null;
}

/** The `window` entry of parsed settings JSON of unknown shape; null when absent or malformed. */
export function parseWindowState(settings: unknown): WindowState | null {
  if (typeof settings !== 'object' || settings === null) return null;
  const raw = (settings as { window?: unknown }).window;
  if (typeof raw !== 'object' || raw === null) return null;
  const entry = raw as Record<string, unknown>;
  const [x, y, width, height] = [entry.x, entry.y, entry.width, entry.height].map(coordinate);
  if (x == null || y == null || width == null || height == null || width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized: entry.maximized === true };
}

function readJsonObject(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

export function readWindowState(file: string): WindowState | null {
  return parseWindowState(readJsonObject(file));
}

/** Writes `state` under `window`, keeping the file's other keys (the port, ...); replaced atomically. */
export function writeWindowState(file: string, state: WindowState): void {
  const settings = { ...readJsonObject(file), window: { ...state.bounds, maximized: state.maximized } };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(temporary, file);
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  return { ...size, x: area.x + Math.round((area.width - size.width) / 2), y: area.y + Math.round((area.height - size.height) / 2) };
}

/**
 * Where to open the window. `workAreas`: every display's work area (screen minus task bar / menu
 * bar); `primary`: the primary display's. The saved bounds go to the display they overlap most, moved
 * and shrunk to lie wholly inside it; with no overlap (monitor gone) or nothing saved, the window is
 * centred on the primary display.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  const wanted = saved?.bounds ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE };
  const fitTo = (area: Rect) => ({
    width: clamp(wanted.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width),
    height: clamp(wanted.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height),
  });
  let best: { area: Rect; overlap: number } | null = null;
  if (saved !== null) {
    for (const area of workAreas) {
      const overlap = overlapArea(saved.bounds, area);
      if (overlap > 0 && (best === null || overlap > best.overlap)) best = { area, overlap };
    }
  }
  const maximized = saved?.maximized ?? false;
  if (best === null) return { bounds: centred(fitTo(primary), primary), maximized };
  const { area } = best;
  const size = fitTo(area);
  const x = clamp(wanted.x, area.x, area.x + area.width - size.width);
  const y = clamp(wanted.y, area.y, area.y + area.height - size.height);
  return { bounds: { x, y, ...size }, maximized };
}

/** Runs `write` once things have been quiet for `delayMs`; `flush` writes now, cancelling what was pending (on close). */
export function debouncedWriter(write: () => void, delayMs = SAVE_DELAY_MS): { schedule(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        write();
      }, delayMs);
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      write();
    },
  };
}
