import type { Scope } from '@sentry/node';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { computeGrouping } from './index';
import { captureEach, captureWithNodeSdk } from './test-support/node-sdk';
import { checkoutFlow, refundFlow } from './test-support/throwers';

// Fingerprints as the SDK sends them (`scope.setFingerprint`), checked against Sentry's documented
// behaviour: https://docs.sentry.io/platforms/javascript/usage/sdk-fingerprinting/

interface Capture {
  setup: (scope: Scope) => void;
  fail: () => never;
}

async function captureEachWith(captures: readonly Capture[]): Promise<SentryEvent[]> {
  return captureWithNodeSdk((scope) =>
    captures.map(({ setup, fail }) => {
      const own = scope.clone();
      setup(own);
      try {
        return fail();
      } catch (error) {
        return own.captureException(error);
      }
    }),
  );
}

const fromCheckout = () => checkoutFlow('card declined');
const fromRefund = () => refundFlow('card declined');

describe('SDK fingerprints', () => {
  it('splits one call site into several issues with {{ default }} plus a value', async () => {
    const events = await captureEachWith([
      { setup: (scope) => scope.setFingerprint(['{{ default }}', 'gateway-timeout']), fail: fromCheckout },
      { setup: (scope) => scope.setFingerprint(['{{ default }}', 'gateway-refused']), fail: fromCheckout },
      { setup: (scope) => scope.setFingerprint(['{{ default }}', 'gateway-timeout']), fail: fromCheckout },
      { setup: () => undefined, fail: fromCheckout },
    ]);
    const [timeout, refused, timeoutAgain, plain] = events.map(computeGrouping);
    expect(timeout?.hashes).toEqual(timeoutAgain?.hashes);
    expect(timeout?.hashes).not.toEqual(refused?.hashes);
    expect(timeout?.hashes.some((hash) => plain?.hashes.includes(hash))).toBe(false);
    expect(timeout?.variants.map((variant) => variant.name)).toEqual(['app', 'system']);
    const fingerprintNode = timeout?.variants[0]?.explanation.children?.at(-1);
    expect(fingerprintNode).toMatchObject({ id: 'fingerprint', values: ['{{ default }}', 'gateway-timeout'] });
  });

  it('keeps {{ default }} grouping separate per call site', async () => {
    const events = await captureEachWith([fromCheckout, fromRefund].map((fail) => ({ setup: (scope: Scope) => scope.setFingerprint(['{{ default }}', 'payments']), fail })));
    const [checkout, refund] = events.map(computeGrouping);
    expect(checkout?.hashes).not.toEqual(refund?.hashes);
  });

  it('merges different call sites into one issue with a fingerprint that has no {{ default }}', async () => {
    const events = await captureEachWith([fromCheckout, fromRefund].map((fail) => ({ setup: (scope: Scope) => scope.setFingerprint(['payment-failure']), fail })));
    const [checkout, refund] = events.map(computeGrouping);
    expect(checkout?.hashes).toHaveLength(1);
    expect(refund?.hashes).toEqual(checkout?.hashes);
    expect(checkout?.variants[0]).toMatchObject({ name: 'custom-fingerprint', contributes: true, explanation: { values: ['payment-failure'] } });
    for (const variant of checkout?.variants.slice(1) ?? []) {
      expect(variant).toMatchObject({ hash: null, contributes: false, explanation: { hint: 'ignored because custom fingerprint takes precedence' } });
    }
  });

  it('treats the explicit default fingerprint as no fingerprint', async () => {
    const events = await captureEachWith([
      { setup: (scope) => scope.setFingerprint(['{{ default }}']), fail: fromCheckout },
      { setup: () => undefined, fail: fromCheckout },
    ]);
    const [explicit, implicit] = events.map(computeGrouping);
    expect(explicit?.hashes).toEqual(implicit?.hashes);
  });

  it('resolves the variables Sentry supports', async () => {
    const [event] = await captureEachWith([
      {
        setup: (scope) => {
          scope.setFingerprint(['{{ type }}', '{{ value }}', '{{ function }}', '{{ module }}', '{{ level }}', '{{ logger }}', '{{ transaction }}', '{{ tags.area }}', '{{ tags.missing }}', '{{ unknown }}']);
          scope.setLevel('warning');
          scope.setTag('area', 'billing');
          scope.setTransactionName('POST /checkout');
          scope.addEventProcessor((sent) => ({ ...sent, logger: 'payments' }));
        },
        fail: fromCheckout,
      },
    ]);
    const custom = computeGrouping(event as SentryEvent).variants[0];
    expect(custom?.explanation.values).toEqual([
      'PaymentError',
      'card declined',
      'chargeCard',
      'throwers.ts',
      'warning',
      'payments',
      'POST /checkout',
      'billing',
      '<no-value-for-tag-missing>',
      '{{ unknown }}',
    ]);
  });

  it('merges and splits on variables: same type and tag merge, another tag splits', async () => {
    const tagged = (area: string, fail: () => never): Capture => ({
      setup: (scope) => {
        scope.setFingerprint(['{{ type }}', '{{ tags.area }}']);
        scope.setTag('area', area);
      },
      fail,
    });
    const events = await captureEachWith([tagged('billing', fromCheckout), tagged('billing', fromRefund), tagged('shipping', fromCheckout)]);
    const [checkout, refund, shipping] = events.map(computeGrouping);
    expect(refund?.hashes).toEqual(checkout?.hashes);
    expect(shipping?.hashes).not.toEqual(checkout?.hashes);
  });

  it('salts only contributing variants, so a fingerprint never turns a silent variant on', async () => {
    const [event] = await captureEach([fromCheckout]);
    const grouping = computeGrouping({ ...(event as SentryEvent), fingerprint: ['{{ default }}', 'x'] });
    const plain = computeGrouping(event as SentryEvent);
    plain.variants.forEach((variant, index) => {
      expect(grouping.variants[index]?.hash === null).toBe(variant.hash === null);
    });
  });
});
