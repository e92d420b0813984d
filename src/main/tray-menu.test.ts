import { describe, expect, it } from 'vitest';
import { buildTrayMenuTemplate, trayClickOpensWindow } from './tray-menu';

describe('tray behaviour', () => {
  it('leaves a click to the menu on macOS and opens the window elsewhere', () => {
    expect(trayClickOpensWindow('darwin')).toBe(false);
    expect(trayClickOpensWindow('win32')).toBe(true);
    expect(trayClickOpensWindow('linux')).toBe(true);
  });

  it('offers Open (with the unseen count) and Quit', () => {
    const calls: string[] = [];
    const actions = { open: () => calls.push('open'), quit: () => calls.push('quit') };
    expect(buildTrayMenuTemplate(0, actions).map((item) => item.label ?? item.type)).toEqual(['Open Lookout', 'separator', 'Quit Lookout']);
    const menu = buildTrayMenuTemplate(3, actions);
    expect(menu[0]?.label).toBe('Open Lookout (3 new issues)');
    expect(buildTrayMenuTemplate(1, actions)[0]?.label).toBe('Open Lookout (1 new issue)');
    for (const item of menu) (item.click as (() => void) | undefined)?.();
    expect(calls).toEqual(['open', 'quit']);
  });
});
