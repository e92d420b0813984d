import { describe, expect, it } from 'vitest';
import { readViewHierarchy, shortType } from './view-hierarchy';

// As sentry-android writes `view-hierarchy.json` (attachViewHierarchy = true).
const android = {
  rendering_system: 'android_view_system',
  windows: [{
    type: 'com.android.internal.policy.DecorView', width: 1080.0, height: 2340.0, x: 0.0, y: 0.0, alpha: 1.0, visibility: 'visible',
    children: [{
      type: 'android.widget.LinearLayout', identifier: 'content', width: 1080.0, height: 2214.0, x: 0.0, y: 126.0, alpha: 1.0, visibility: 'visible',
      children: [
        { type: 'com.google.android.material.button.MaterialButton', identifier: 'crash_button', width: 300.5, height: 132.0, x: 390.0, y: 900.0, alpha: 0.5, visibility: 'visible' },
        { type: 'android.widget.TextView', width: 0.0, height: 0.0, x: 0.0, y: 0.0, alpha: 1.0, visibility: 'gone', tag: 'debug' },
      ],
    }],
  }],
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
    expect(tree.count).toBe(201);
  });
});
