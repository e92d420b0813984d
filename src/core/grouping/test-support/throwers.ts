/**
 * Real code paths for SDK-captured test events: each function throws from its own lines, so the
 * frames the SDK records are genuine.
 */

export class PaymentError extends Error {
  override name = 'PaymentError';
}

export function chargeCard(message: string): never {
  throw new PaymentError(message);
}

export function checkoutFlow(message: string): never {
  return chargeCard(message);
}

export function refundFlow(message: string): never {
  return chargeCard(message);
}

export function loadConfig(): unknown {
  return JSON.parse('{"broken": ');
}

export function startService(): void {
  try {
    loadConfig();
  } catch (cause) {
    throw new Error('service failed to start', { cause });
  }
}

/**
 * Runs the failing callback from inside a library: `enter` is a library function (a zustand store
 * factory) that calls it back, so the frames between differ with the entry point chosen.
 */
export function insideLibrary(enter: (init: () => never) => unknown): unknown {
  return enter(() => chargeCard('store init failed'));
}

export function ping(depth: number): never {
  if (depth <= 0) throw new RangeError(`depth exhausted after ${depth} calls`);
  return pong(depth - 1);
}

export function pong(depth: number): never {
  return ping(depth - 1);
}

export function manyFailures(): never {
  throw new AggregateError([new TypeError('bad input 1'), new RangeError('too far 2')], 'several things failed');
}

export function numberedFailures(): never {
  throw new AggregateError([new TypeError('bad input 1'), new TypeError('bad input 2')], 'numbered failures');
}

export function sameFailureTwice(): never {
  throw new AggregateError([new TypeError('bad input'), new TypeError('bad input')], 'repeated failure');
}

/** Fails after a `process.nextTick` hop, so Node's tick machinery is on the stack. */
export async function failAfterTick(): Promise<never> {
  await new Promise<void>((resolve) => process.nextTick(resolve));
  throw new Error('failed after a tick');
}

export function countDown(remaining: number): never {
  if (remaining <= 0) throw new RangeError('count down finished');
  return countDown(remaining - 1);
}
