import { describe, expect, it } from 'vitest';
import type { ReplayRrwebEvent } from '../../../shared/api-types';
import { extendsEvents } from './use-growing-events';

const ev = (timestamp: number, type = 3): ReplayRrwebEvent => ({ type, timestamp, data: {} });

describe('a growing recording', () => {
  const base = [ev(1000, 4), ev(1000, 2), ev(2000), ev(3000)];

  it('extends the events a player was built with when it only adds after them', () => {
    expect(extendsEvents([...base, ev(8000), ev(9000)], base)).toBe(true);
    expect(extendsEvents([...base], base)).toBe(true);
  });

  it('does not when a late segment sorts before the end, or it is another recording', () => {
    expect(extendsEvents([base[0]!, base[1]!, ev(1500), base[2]!, base[3]!], base)).toBe(false);
    expect(extendsEvents([ev(500, 4), ...base], base)).toBe(false);
    expect(extendsEvents(base.slice(0, 2), base)).toBe(false);
    expect(extendsEvents(base, [])).toBe(false);
  });
});
