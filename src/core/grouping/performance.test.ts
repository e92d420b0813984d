import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { computeGrouping, eventTitle } from './index';
import { captureEach } from './test-support/node-sdk';
import { ping } from './test-support/throwers';

const defaultStackLimit = Error.stackTraceLimit;
beforeAll(() => {
  Error.stackTraceLimit = 20;
});
afterAll(() => {
  Error.stackTraceLimit = defaultStackLimit;
});

/** Best of several rounds: other processes on the machine only ever make a round slower. */
function microsecondsPerCall(run: () => unknown, calls: number, rounds = 20): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let call = 0; call < calls; call++) run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / calls);
  }
  return best;
}

it('measures grouping one typical 20-frame event (printed, not asserted)', async () => {
  const [event] = (await captureEach([() => ping(30)])) as [SentryEvent];
  expect(event.exception?.values?.[0]?.stacktrace?.frames).toHaveLength(20);
  expect(event.exception?.values?.[0]?.stacktrace?.frames?.[0]?.context_line).toBeTruthy();
  microsecondsPerCall(() => computeGrouping(event), 500, 1);
  const grouping = microsecondsPerCall(() => computeGrouping(event), 250);
  const title = microsecondsPerCall(() => eventTitle(event), 250);
  const load = `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
  console.log(`grouping a 20-frame @sentry/node event: ${grouping.toFixed(1)} µs per event; its title and culprit: ${title.toFixed(1)} µs (${load})`);
  expect(computeGrouping(event).hashes.length).toBeGreaterThan(0);
});
