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

function totalFromCartPage(cart: unknown): number {
  return firstPrice(cart);
}

function totalFromApi(cart: unknown): number {
  return firstPrice(cart);
}

/**
 * The same TypeError reached by two routes (the cart page, the API): two issues, alike but for
 * one frame, as "Similar issues" finds them. From a timer, as {@link captureCheckoutFailure}.
 */
export function captureTotalFailure(sender: NodeSender, route: 'page' | 'api'): Promise<string> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      try {
        (route === 'page' ? totalFromCartPage : totalFromApi)(undefined);
        reject(new Error('the total unexpectedly succeeded'));
      } catch (err) {
        resolve(sender.capture(err));
      }
    });
  });
}
