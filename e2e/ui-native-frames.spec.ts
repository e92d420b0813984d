/**
 * Native crashes a teammate can act on: an NDK frame with only an address shows the image it lies
 * in and its offset (`libshop.so +0xbbf9`) and why it has no symbol; an ANR's thread picker is in
 * the stack's header from the start, with the lock the main thread waits for and who holds it; a
 * frame's toggle is a real button (Enter opens and closes it) with no button nested in it (axe).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/native/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe is injected as a script, which the page's CSP (its own scripts only) would refuse.
test.use({ bypassCSP: true });

/** Posts the event as its SDK sends it (an envelope) and opens it. */
async function sendAndOpen(page: Page, url: string, event: Record<string, unknown>): Promise<void> {
  const body = `${JSON.stringify({ event_id: event.event_id })}\n{"type":"event"}\n${JSON.stringify(event)}\n`;
  expect((await page.request.post(`${url}/api/1/envelope/`, { data: body })).status()).toBe(200);
  await page.goto(`${url}/#/events/${String(event.event_id)}`);
}

test('an NDK frame with only an address shows its image and offset, why it has no symbol, and the raw crash report', async ({ page, server }) => {
  await sendAndOpen(page, server.url, fixture('ndk-crash.json'));
  const exception = page.getByTestId('exception-chain');
  const crashFrame = exception.getByTestId('frame').filter({ hasText: '0x708ebbf9' });
  await expect(crashFrame.getByTestId('frame-file')).toHaveText('libshop.so');
  await expect(crashFrame.getByTestId('frame-offset')).toHaveText('+0xbbf9');
  // The image and its offset read together, before the (unknown) function.
  await expect(crashFrame.locator('.frame-head')).toContainText('libshop.so+0xbbf9in<unknown>0x708ebbf9');
  await expect(exception.getByTestId('frame').filter({ hasText: '0xe625e154' }).getByTestId('frame-file')).toHaveText('libart.so');
  const note = exception.getByTestId('unsymbolicated-image');
  await expect(note.filter({ hasText: 'libshop.so' })).toHaveText('No debug file for libshop.so (debug id 7973b1b1-0655-3e10-2867-f41cb3e00048): 1 frame without a symbol.');
  await expect(note.filter({ hasText: 'Unknown image' })).toContainText('1 frame at addresses');
  // Raw: the crash as Apple-crash-report text, frames by address and image, then the binary images.
  const raw = page.getByTestId('raw');
  await raw.getByRole('button', { name: /Raw/ }).click();
  const text = raw.getByTestId('native-crash-text');
  await expect(text).toContainText('libshop.so                     0x708ebbf9 0x708e0000 + 48121');
  await expect(text).toContainText('Binary Images:');
  await expect(text).toContainText('0x708e0000 - 0x709dffff libshop.so ? <7973b1b1-0655-3e10-2867-f41cb3e00048>');
});

test("an ANR opens on the blocked main thread, picker in the header, with the lock it waits for and who holds it", async ({ page, server }) => {
  await sendAndOpen(page, server.url, fixture('android-anr-blocked.json'));
  const threads = page.getByTestId('threads');
  // No click on the section first: the picker is there, on the thread the exception was raised on.
  const picker = threads.getByTestId('thread-select');
  await expect(picker).toBeVisible();
  await expect(picker.locator('option:checked')).toHaveText('main (current, main) · BLOCKED · holds 1 lock');
  await expect(threads.getByTestId('held-lock')).toHaveText(['waiting to lock <0x0d3a2f0a> (a com.acme.shop.ImageCache) held by thread 11']);
  await expect(threads.getByTestId('frame-function').first()).toHaveText('sleep');
  await picker.selectOption({ label: 'DefaultDispatcher-worker-1 · RUNNABLE' });
  await expect(threads.getByTestId('held-locks')).toHaveCount(0);
});

test('a frame opens and closes with Enter on its toggle button, which nests no other button', async ({ page, server }) => {
  const sender = nodeSender(server.dsn);
  function priceOf(cart: { items: { price: number }[] }): number {
    return cart.items[0]!.price;
  }
  let eventId = '';
  try {
    priceOf({ items: [] });
  } catch (err) {
    eventId = sender.capture(err);
  }
  await sender.flush();
  await page.goto(`${server.url}/#/events/${eventId.replace(/-/g, '')}`);
  const frame = page.getByTestId('exception-chain').getByTestId('frame').first();
  await expect(frame.getByTestId('frame-function')).toHaveText('priceOf');
  const toggle = frame.getByRole('button', { name: 'Source of priceOf' });
  // The crashing in-app frame is open, as Sentry shows it.
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(frame.getByTestId('frame-context')).toBeVisible();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(frame.getByTestId('frame-context')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(frame.locator('[data-testid="context-line"][data-error="true"]')).toContainText('price');
  // The file button is the toggle's sibling, not its child (axe "nested-interactive").
  await expect(toggle.locator('button')).toHaveCount(0);
  await page.addScriptTag({ content: AXE_SOURCE });
  const nested = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run('[data-testid="exception-chain"]', { runOnly: ['nested-interactive'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.length}`);
  });
  expect(nested).toEqual([]);
});
