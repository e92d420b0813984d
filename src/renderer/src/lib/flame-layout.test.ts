import { describe, expect, it } from 'vitest';
import type { ProfileNode } from '../../../shared/api-profile';
import { ancestorsOf, formatMs, layoutFlame } from './flame-layout';

const node = (frame: number, parent: number, depth: number, totalMs: number): ProfileNode =>
  ({ frame, parent, depth, totalMs, selfMs: 0, selfSamples: 0, totalSamples: 0 });
// root 100 → main 100 → (work 60 → leaf 30), (io 40); pre-order.
const NODES = [node(-1, -1, 0, 100), node(0, 0, 1, 100), node(1, 1, 2, 60), node(2, 2, 3, 30), node(3, 1, 2, 40)];

describe('layoutFlame', () => {
  it('places children after their earlier siblings, as wide as their share', () => {
    expect(layoutFlame(NODES, 0, 0).rects).toEqual([
      { node: 0, x: 0, w: 1, row: 0 }, { node: 1, x: 0, w: 1, row: 1 }, { node: 2, x: 0, w: 0.6, row: 2 },
      { node: 3, x: 0, w: 0.3, row: 3 }, { node: 4, x: 0.6, w: 0.4, row: 2 },
    ]);
  });

  it('zooms into a subtree and drops boxes narrower than the minimum', () => {
    expect(layoutFlame(NODES, 2, 0).rects).toEqual([{ node: 2, x: 0, w: 1, row: 0 }, { node: 3, x: 0, w: 0.5, row: 1 }]);
    expect(layoutFlame(NODES, 0, 0.35).rects.map((r) => r.node)).toEqual([0, 1, 2, 4]);
    expect(layoutFlame(NODES, 0, 0, 2)).toMatchObject({ rects: { length: 2 }, hidden: 3 });
  });

  it('keeps the widest boxes over the cap: a deep first subtree does not crowd out its wide siblings', () => {
    // Five children of 20% each; the first has a chain 1,000 deep.
    const nodes: ProfileNode[] = [node(-1, -1, 0, 100)];
    for (let c = 0; c < 5; c++) {
      nodes.push(node(c, 0, 1, 20));
      if (c === 0) for (let d = 2; d <= 1000; d++) nodes.push(node(10 + d, nodes.length - 1, d, 20));
    }
    const { rects, hidden } = layoutFlame(nodes, 0, 0, 100);
    expect(rects.filter((r) => r.row === 1).map((r) => Math.round(r.x * 10) / 10)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(hidden).toBe(1005 - 100);
  });

  it('walks ancestors and formats times', () => {
    expect(ancestorsOf(NODES, 3)).toEqual([0, 1, 2, 3]);
    expect([formatMs(4.26), formatMs(250.4), formatMs(1234)]).toEqual(['4.3 ms', '250 ms', '1.23 s']);
  });
});
