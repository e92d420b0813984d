import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readDesktopSettings } from './settings';
import {
  debouncedWriter, parseWindowState, placeWindow, readWindowState, writeWindowState, type Rect, type WindowState,
} from './window-state';

const dir = mkdtempSync(join(tmpdir(), 'lookout-window-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A laptop (1440×900, menu bar 25 px) and an external 2560×1440 monitor to its right.
const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const MONITOR: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const state = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

describe('placeWindow', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    expect(placeWindow(null, [LAPTOP, MONITOR], MONITOR)).toEqual(state({ x: 2080, y: 290, width: 1280, height: 820 }));
  });

  it('restores bounds that are on a display as they were, maximized included', () => {
    const onMonitor = state({ x: 2000, y: 100, width: 1600, height: 1000 }, true);
    expect(placeWindow(onMonitor, [LAPTOP, MONITOR], LAPTOP)).toEqual(onMonitor);
  });

  it('brings a window from an unplugged monitor back to the primary display, shrunk to fit', () => {
    const onMonitor = state({ x: 2000, y: 100, width: 1600, height: 1000 }, true);
    expect(placeWindow(onMonitor, [LAPTOP], LAPTOP)).toEqual(state({ x: 0, y: 25, width: 1440, height: 875 }, true));
    const small = state({ x: 3000, y: 600, width: 800, height: 600 });
    expect(placeWindow(small, [LAPTOP], LAPTOP)).toEqual(state({ x: 320, y: 163, width: 800, height: 600 }));
  });

  it('pulls a window that hangs off a display edge fully onto the display it mostly covers', () => {
    // Mostly on the laptop, title bar above the top of the screen and right edge on the monitor.
    const hanging = state({ x: 900, y: -200, width: 1000, height: 700 });
    expect(placeWindow(hanging, [LAPTOP, MONITOR], LAPTOP)).toEqual(state({ x: 440, y: 25, width: 1000, height: 700 }));
  });

  it('keeps the minimum size unless the display itself is smaller', () => {
    const tiny = state({ x: 10, y: 40, width: 200, height: 100 });
    expect(placeWindow(tiny, [LAPTOP], LAPTOP).bounds).toEqual({ x: 10, y: 40, width: 720, height: 480 });
    const oldScreen: Rect = { x: 0, y: 0, width: 640, height: 400 };
    expect(placeWindow(tiny, [oldScreen], oldScreen).bounds).toEqual({ x: 0, y: 0, width: 640, height: 400 });
  });
});

describe('window state in settings.json', () => {
  it('writes beside the port, which the desktop settings still read, and reads back', () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ port: 9123, editor: { id: 'vscode' } }));
    writeWindowState(file, state({ x: -1200, y: 40, width: 1100, height: 700 }, true));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      port: 9123, editor: { id: 'vscode' }, window: { x: -1200, y: 40, width: 1100, height: 700, maximized: true },
    });
    expect(readDesktopSettings(file)).toEqual({ port: 9123, portSource: 'settings' });
    expect(readWindowState(file)).toEqual(state({ x: -1200, y: 40, width: 1100, height: 700 }, true));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('starts a file that is missing or corrupt', () => {
    const file = join(dir, 'corrupt.json');
    writeFileSync(file, '{"port": 9');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, state({ x: 0, y: 0, width: 800, height: 600 }));
    expect(readWindowState(file)?.bounds).toEqual({ x: 0, y: 0, width: 800, height: 600 });
    expect(readWindowState(join(dir, 'missing.json'))).toBeNull();
  });

  it('ignores a malformed window entry', () => {
    for (const window of [null, 'big', { x: 0, y: 0, width: 0, height: 600 }, { x: 0, y: '0', width: 800, height: 600 },
      { x: 0.5, y: 0, width: 800, height: 600 }, { x: 1e9, y: 0, width: 800, height: 600 }]) {
      expect(parseWindowState({ window }), JSON.stringify(window)).toBeNull();
    }
    expect(parseWindowState({ window: { x: 1, y: 2, width: 800, height: 600, maximized: 'yes' } })?.maximized).toBe(false);
  });
});

describe('debouncedWriter', () => {
  it('writes once after a burst of moves, and at once on flush', () => {
    vi.useFakeTimers();
    try {
      const write = vi.fn();
      const writer = debouncedWriter(write, 500);
      for (let i = 0; i < 30; i++) {
        writer.schedule();
        vi.advanceTimersByTime(100);
      }
      expect(write).not.toHaveBeenCalled();
      vi.advanceTimersByTime(400);
      expect(write).toHaveBeenCalledTimes(1);
      writer.schedule();
      writer.flush();
      expect(write).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1000);
      expect(write).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
