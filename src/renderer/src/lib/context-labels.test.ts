import { describe, expect, it } from 'vitest';
import { contextKeyLabel } from './context-labels';

describe('context key labels', () => {
  it('names the known keys of known contexts, by key or by type, and leaves the rest as sent', () => {
    expect(contextKeyLabel('os', undefined, 'kernel_version')).toBe('Kernel Version');
    expect(contextKeyLabel('client_os', 'os', 'kernel_version')).toBe('Kernel Version');
    expect(contextKeyLabel('device', 'device', 'battery_level')).toBe('Battery Level');
    expect(contextKeyLabel('shop', undefined, 'cart_total')).toBe('cart_total');
    expect(contextKeyLabel('os', undefined, 'toString')).toBe('toString');
    expect(contextKeyLabel('os', 42, 'constructor')).toBe('constructor');
  });
});
