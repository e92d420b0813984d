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

function microsecondsPerCall(run: () => unknown, calls: number): number {
  const start = process.hrtime.bigint();
  for (let call = 0; call < calls; call++) run();
  return Number(process.hrtime.bigint() - start) / 1000 / calls;
}

it('measures grouping one typical 20-frame event (printed, not asserted)', async () => {
  const [event] = (await captureEach([() => ping(30)])) as [SentryEvent];
  expect(event.exception?.values?.[0]?.stacktrace?.frames).toHaveLength(20);
  expect(event.exception?.values?.[0]?.stacktrace?.frames?.[0]?.context_line).toBeTruthy();
  microsecondsPerCall(() => computeGrouping(event), 500);
  const grouping = microsecondsPerCall(() => computeGrouping(event), 5000);
  const title = microsecondsPerCall(() => eventTitle(event), 5000);
  console.log(`grouping a 20-frame @sentry/node event: ${grouping.toFixed(1)} µs per event; its title and culprit: ${title.toFixed(1)} µs`);
  expect(computeGrouping(event).hashes.length).toBeGreaterThan(0);
});
