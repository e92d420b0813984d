import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure, captureNamedFailure } from './helpers/shop-app';

const rows = (page: Page) => page.getByTestId('issue-row');
const row = (page: Page, text: string) => rows(page).filter({ hasText: text });

test('delete asks first, removes issues from every open window, and the next event like them opens a new issue', async ({ page, context, server }) => {
  const node = nodeSender(server.dsn, { release: 'shop@1.0.0' });
  await captureCheckoutFailure(node);
  await captureCheckoutFailure(node);
  captureNamedFailure(node, 'Inventory service timed out');
  captureNamedFailure(node, 'Cache miss storm');
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId('issue-total')).toHaveText('3 issues');

  // A second window shows one of the issues about to be deleted.
  const other = await context.newPage();
  await other.goto(`${server.url}/#/issues`);
  await row(other, 'Inventory service timed out').getByTestId('issue-title').click();
  await expect(other.getByTestId('issue-detail-title')).toContainText('Inventory service timed out');

  await row(page, 'Inventory service timed out').getByTestId('issue-checkbox').check();
  await row(page, 'Cache miss storm').getByTestId('issue-checkbox').check();
  await page.getByTestId('delete-issues').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Delete 2 issues?');
  // Cancel has the focus: Enter straight away deletes nothing.
  await expect(page.getByTestId('delete-dialog-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(rows(page)).toHaveCount(3);

  await page.getByTestId('delete-issues').click();
  await page.getByTestId('delete-dialog-confirm').click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Deleted 2 issues and 2 events' })).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('issue-total')).toHaveText('1 issue');
  // The other window learns it from the live stream.
  await expect(other.getByTestId('detail-error')).toContainText('deleted, with its events');
  await other.close();

  // From the issue page: the dialog names the issue; afterwards the list is shown without it.
  await row(page, 'Checkout failed').getByTestId('issue-title').click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout failed');
  await page.getByTestId('delete-issues').click();
  await expect(page.getByTestId('delete-dialog')).toContainText('Checkout failed');
  await page.getByTestId('delete-dialog-confirm').click();
  await expect(page).toHaveURL(/#\/issues/);
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Deleted 1 issue and 2 events' })).toBeVisible();
  await expect(rows(page)).toHaveCount(0);

  // The same error again is a new issue with one event, not the old one back.
  await captureCheckoutFailure(node);
  await node.flush();
  await expect(row(page, 'Checkout failed').getByTestId('issue-count')).toHaveText('1');
  const api = await page.request.get(`${server.url}/_lookout/api/issues?status=all`);
  const body = (await api.json()) as { items: { count: number }[] };
  expect(body.items.map((i) => i.count)).toEqual([1]);
});

test('Back returns to the list as it was before a tab or sort was picked; a search typed is one entry', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'Payment gateway refused');
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(1);

  await page.getByTestId('status-filter-resolved').click();
  await expect(page).toHaveURL(/status=resolved/);
  await expect(rows(page)).toHaveCount(0);
  await page.getByTestId('sort-select').selectOption('count');
  await expect(page).toHaveURL(/sort=count/);
  await page.getByTestId('search-input').pressSequentially('gate');
  await expect(page).toHaveURL(/query=gate/);
  await page.getByTestId('search-input').pressSequentially('way', { delay: 400 });
  await expect(page).toHaveURL(/query=gateway/);

  // However often the search was written while typed, it is one entry.
  await page.goBack();
  await expect(page).toHaveURL(/sort=count/);
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=count/);
  await expect(page).toHaveURL(/status=resolved/);
  await page.goBack();
  await expect(page.getByTestId('status-filter-unresolved')).toHaveAttribute('aria-pressed', 'true');
  await expect(rows(page)).toHaveCount(1);
});

test('Settings → Delete all data empties every open view, and new events show up as before', async ({ page, context, server }) => {
  const node = nodeSender(server.dsn);
  await captureCheckoutFailure(node);
  captureNamedFailure(node, 'Inventory service timed out');
  await node.flush();
  const list = await context.newPage();
  await list.goto(`${server.url}/#/issues`);
  await expect(rows(list)).toHaveCount(2);
  const stream = await context.newPage();
  await stream.goto(`${server.url}/#/stream`);
  await expect(stream.getByTestId('stream-row')).toHaveCount(2);

  await page.goto(`${server.url}/#/settings`);
  await page.getByTestId('delete-all-data').click();
  await expect(page.getByTestId('delete-all-dialog')).toBeVisible();
  await page.getByTestId('delete-all-dialog-confirm').click();
  await expect(page.getByTestId('toast-success')).toContainText('Deleted 2 events in 2 issues, and everything else received (2 requests)');
  await expect(rows(list)).toHaveCount(0);
  await expect(stream.getByTestId('stream-row')).toHaveCount(0);

  captureNamedFailure(node, 'Cache miss storm');
  await node.flush();
  await expect(rows(list)).toHaveCount(1);
  await expect(row(list, 'Cache miss storm')).toBeVisible();
  await expect(stream.getByTestId('stream-row')).toHaveCount(1);
});

test("Sentry's error.type: finds an issue; two is: statuses both hold; a Sentry key Lookout cannot answer is said under the search", async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  captureNamedFailure(node, 'Inventory service timed out');
  await captureCheckoutFailure(node);
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(rows(page)).toHaveCount(2);
  await page.getByTestId('search-input').fill('error.type:RangeError');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Inventory service timed out');
  await page.getByTestId('search-input').fill('stack.function:checkout');
  await expect(page.getByTestId('search-note')).toContainText('Lookout does not support the Sentry search "stack.function:checkout"');
  // Two statuses both hold, as in Sentry (nothing is resolved and unresolved at once); they stay in the search, not in one tab.
  await page.getByTestId('search-input').fill('is:resolved is:unresolved');
  await expect(page).toHaveURL(/query=is%3Aresolved\+is%3Aunresolved/);
  await expect(rows(page)).toHaveCount(0);
  await page.getByTestId('search-input').fill('');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('search-note')).toHaveCount(0);
});

test("an issue's tag percentages add up to 100 % (largest remainder), and equal counts read equal", async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  // 3, 3 and 2 of 8: 37.5 %, 37.5 % and 25 %. Rounded one by one: 38 + 38 + 25 = 101; by largest
  // remainder 38 + 37 for equal counts: so they are given to a tenth.
  for (const plan of ['pro', 'pro', 'pro', 'team', 'team', 'team', 'free', 'free']) await captureCheckoutFailure(node, { tags: { plan } });
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(row(page, 'Checkout failed').getByTestId('issue-count')).toHaveText('8');
  await row(page, 'Checkout failed').getByTestId('issue-title').click();
  const plan = page.locator('[data-testid="tag-row"][data-tag-key="plan"]');
  await expect(plan.locator('.tag-value-pct')).toHaveText(['37.5%', '37.5%', '25%']);
});

test('a message captured with attachStacktrace shows its stack trace, not a made-up exception', async ({ page, server }) => {
  const node = nodeSender(server.dsn, { attachStacktrace: true });
  node.capture('Cache warm-up skipped: 12 keys missing');
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await row(page, 'Cache warm-up skipped').getByTestId('issue-title').click();
  const section = page.getByTestId('exception-chain');
  await expect(section.getByRole('heading', { name: 'Stack trace' })).toBeVisible();
  await expect(section.getByTestId('exception-type')).toHaveCount(0);
  await expect(section.getByTestId('frame').first()).toBeVisible();
});

test("a native crash shows its crashed thread's stack under the exception, thread states, GPU memory in MB, the images loaded", async ({ page, server }) => {
  // The shape sentry-cocoa sends for a mach exception: the stack is on the crashed thread the exception names.
  const eventId = 'c0c0a'.padEnd(32, '0');
  const event = {
    event_id: eventId, platform: 'cocoa', level: 'fatal', timestamp: Date.now() / 1000,
    exception: { values: [{ type: 'EXC_BAD_ACCESS', value: 'KERN_INVALID_ADDRESS at 0x0', thread_id: 0,
      mechanism: { type: 'mach', handled: false, meta: { signal: { number: 11, name: 'SIGSEGV' }, mach_exception: { exception: 1, code: 1, subcode: 0, name: 'EXC_BAD_ACCESS' } } } }] },
    threads: { values: [
      { id: 0, name: 'main', crashed: true, current: true, stacktrace: { frames: [
        { function: 'start', package: '/usr/lib/dyld', instruction_addr: '0x1a2b3c', in_app: false },
        { package: '/private/var/containers/Bundle/Application/X/iOS-Swift.app/iOS-Swift', instruction_addr: '0x100c0c000', in_app: true },
        { function: 'ErrorsViewController.crash(_:)', package: '/private/var/containers/Bundle/Application/X/iOS-Swift.app/iOS-Swift',
          instruction_addr: '0x100c0c5ac', in_app: true },
      ], registers: { pc: '0x100c0c5ac', x1: '0x0', lr: '0x100c0c580', sp: '0x16f0ff3c0', x0: '0x2a', fp: '0x16f0ff3e0' } } },
      { id: 1, name: 'worker', state: 'BLOCKED', held_locks: { '0x0d0e0f': { type: 1, address: '0x0d0e0f' } },
        stacktrace: { frames: [{ function: '__psynch_mutexwait', package: '/usr/lib/system/libsystem_kernel.dylib', instruction_addr: '0x1f00' }] } },
    ] },
    contexts: { gpu: { name: 'Apple A15 GPU', memory_size: 10922 }, device: { model: 'iPhone14,2', battery_level: 87.5 } },
    debug_meta: { images: [
      { type: 'macho', code_file: '/private/var/containers/Bundle/Application/X/iOS-Swift.app/iOS-Swift', image_addr: '0x100c00000',
        image_size: 1048576, debug_id: 'aa8a3697-c88a-36f9-a687-3d3596568c8d', arch: 'arm64' },
      { type: 'macho', code_file: '/usr/lib/dyld', image_addr: '0x1a0000', image_size: 65536, debug_id: '2d7fcb64-9f1c-3bbb-b4c8-7b5df0fe7bd1', arch: 'arm64e' },
      { type: 'macho', code_file: '/usr/lib/libobjc.A.dylib', image_addr: '0x1e0000000', image_size: 4096, arch: 'arm64e' },
    ] },
  };
  const body = `{"event_id":"${eventId}"}\n{"type":"event"}\n${JSON.stringify(event)}`;
  expect((await page.request.post(`${server.url}/api/1/envelope/`, { data: body })).status()).toBe(200);
  await page.goto(`${server.url}/#/events/${eventId}`);
  const exception = page.getByTestId('exception-chain');
  // The crash handler's signal and Mach exception, as Sentry prints them.
  await expect(exception).toContainText('mach · unhandled · SIGSEGV (11) · EXC_BAD_ACCESS (1)');
  await expect(exception.getByTestId('frame-function').filter({ hasText: 'ErrorsViewController.crash(_:)' })).toBeVisible();
  // Named by image and address, as Sentry does, not by the image's full path twice.
  const crashFrame = exception.getByTestId('frame').filter({ hasText: 'ErrorsViewController.crash(_:)' });
  await expect(crashFrame.getByTestId('frame-file')).toHaveText('iOS-Swift');
  await expect(crashFrame.getByTestId('frame-addr')).toHaveText('0x100c0c5ac');
  await expect(crashFrame).not.toContainText('/private/var/containers');
  // The crashed thread's registers under its frames, in the CPU's order; Numeric shows them in decimal.
  const registers = exception.getByTestId('register');
  await expect(registers).toHaveText(['x00x000000000000002a', 'x10x0000000000000000', 'fp0x000000016f0ff3e0', 'lr0x0000000100c0c580', 'sp0x000000016f0ff3c0', 'pc0x0000000100c0c5ac']);
  await exception.getByTestId('registers-numeric').click();
  await expect(registers.first()).toHaveText('x042');
  // Without a symbol: an unknown function at an address, not a JavaScript word.
  await expect(exception.getByTestId('frame').filter({ hasText: '0x100c0c000' }).getByTestId('frame-function')).toHaveText('<unknown>');
  // The thread picker is in the threads' header from the start, on the crashed thread (Sentry's layout).
  await expect(page.getByTestId('thread-select')).toContainText('worker · BLOCKED · holds 1 lock');
  const contexts = page.getByTestId('contexts');
  await expect(contexts).toContainText('(10922 MB)');
  await expect(contexts).toContainText('87.5%');
  // Images loaded: those the stack points into, then all of them; a crash address finds its image.
  const images = page.getByTestId('images-loaded');
  await expect(images).toContainText('Images loaded (2 in the stack of 3)');
  await expect(images.getByTestId('image-row')).toHaveCount(2);
  await expect(images.getByTestId('image-row').first()).toContainText('0x0000000100c00000 – 0x0000000100cfffff');
  await images.getByTestId('images-all').click();
  await expect(images.getByTestId('image-row')).toHaveCount(3);
  await images.getByTestId('images-filter').fill('0x1a2b3c');
  await expect(images.getByTestId('image-row')).toHaveCount(1);
  await expect(images.getByTestId('image-row')).toContainText('dyld');
});
