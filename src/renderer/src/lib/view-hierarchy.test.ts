import { describe, expect, it } from 'vitest';
import { readViewHierarchy, shortType } from './view-hierarchy';

/** A view as sentry-android writes it in `view-hierarchy.json` (attachViewHierarchy = true). */
const view = (type: string, at: [number, number, number, number], more: Record<string, unknown> = {}) =>
  ({ type, x: at[0], y: at[1], width: at[2], height: at[3], alpha: 1.0, visibility: 'visible', ...more });

const android = {
  rendering_system: 'android_view_system',
  windows: [view('com.android.internal.policy.DecorView', [0, 0, 1080, 2340], { children: [
    view('android.widget.LinearLayout', [0, 126, 1080, 2214], { identifier: 'content', children: [
      view('com.google.android.material.button.MaterialButton', [390, 900, 300.5, 132], { identifier: 'crash_button', alpha: 0.5 }),
      view('android.widget.TextView', [0, 0, 0, 0], { visibility: 'gone', tag: 'debug' }),
    ] }),
  ] })],
};

describe('view hierarchy', () => {
  it('reads the windows and views with their place, size and what is unusual about them', () => {
    const tree = readViewHierarchy(android)!;
    expect(tree.renderingSystem).toBe('android_view_system');
    expect(tree.count).toBe(4);
    const layout = tree.windows[0]!.children[0]!;
    expect(layout).toMatchObject({ type: 'android.widget.LinearLayout', identifier: 'content', detail: '0,126 · 1080×2214' });
    expect(layout.children.map((c) => c.detail)).toEqual(['390,900 · 300.5×132 · alpha 0.5', '0,0 · 0×0 · gone']);
    expect(layout.children[1]!.extra).toEqual([['tag', 'debug']]);
    expect(shortType(layout.children[0]!.type)).toBe('MaterialButton');
  });

  it('is null for JSON that is not a hierarchy, and cuts a runaway depth', () => {
    expect(readViewHierarchy({ foo: 1 })).toBeNull();
    expect(readViewHierarchy('windows')).toBeNull();
    let deep: Record<string, unknown> = { type: 'leaf' };
    for (let i = 0; i < 500; i++) deep = { type: `v${i}`, children: [deep] };
    const tree = readViewHierarchy({ windows: [deep] })!;
    expect([tree.count, tree.cut]).toEqual([201, true]);
    expect(readViewHierarchy(android)!.cut).toBe(false);
  });
});
