/**
 * A tiny "application" whose functions really throw, so @sentry/node captures genuine stack
 * traces, causes and source context from this file.
 */
import type { NodeSender, SendOptions } from './sentry-node';

interface Cart { items: { price: number }[] }

export function firstPrice(cart: unknown): number {
  return (cart as Cart).items[0]!.price;
}

export function checkout(cart: unknown): number {
  try {
    return firstPrice(cart);
  } catch (err) {
    throw new Error('Checkout failed for cart', { cause: err });
  }
}

/**
 * Captures the checkout failure (a TypeError wrapped in an Error); resolves to the event id.
 * It runs from a timer so the stack holds no frame of the caller: every call yields the same
 * stack, hence events of one issue, wherever a test calls it from.
 */
export function captureCheckoutFailure(sender: NodeSender, options?: SendOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      try {
        checkout(undefined);
        reject(new Error('checkout() unexpectedly succeeded'));
      } catch (err) {
        resolve(sender.capture(err, options));
      }
    });
  });
}

/** Captures a plain error with its own message (a separate issue per distinct fingerprint). */
export function captureNamedFailure(sender: NodeSender, message: string, options?: SendOptions): string {
  try {
    throw new RangeError(message);
  } catch (err) {
    return sender.capture(err, options);
  }
}
