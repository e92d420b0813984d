import { buildMinidump, stackOf, type ContextSpec } from '../src/core/minidump/test-minidump';
import { test, expect } from './fixtures';

test("a minidump's crash shows its walked frames by image and offset, and the crashed thread's registers", async ({ page, server }) => {
  const exe = { name: 'C:\\Program Files\\Shop\\shop.exe', base: 0x7ff600000000n, size: 0x100000 };
  const s = 0xb5e9aff000n;
  const context: ContextSpec = { layout: 'amd64', registers: { rip: exe.base + 0x1010n, rsp: s, rbp: s + 0x10n, rax: 0x2an } };
  // No usable rbp chain: the callers' return addresses are found by scanning the stack.
  const stack = stackOf(s, [0n, 0n, 0n, exe.base + 0x1a2bn, 0xfeedn, exe.base + 0x3c4dn, 0n]);
  const dump = buildMinidump({ platformId: 2, arch: 9, code: 0xc0000005, info: [0n, 0n], address: exe.base + 0x1010n, threadId: 7,
    modules: [exe], context, threads: [{ id: 7, context, stack, name: 'main' }] });
  const res = await page.request.post(`${server.url}/api/1/minidump/`, { data: dump, headers: { 'content-type': 'application/octet-stream' } });
  expect(res.status()).toBe(200);
  const eventId = (await res.text()).replace(/-/g, '');
  await page.goto(`${server.url}/#/events/${eventId}`);
  const exception = page.getByTestId('exception-chain');
  await expect(exception.getByTestId('exception-type')).toHaveText('EXCEPTION_ACCESS_VIOLATION_READ');
  // Newest first: the crash, then its callers; each named by its image, with its address and offset in it.
  const frames = exception.getByTestId('frame');
  await expect(frames).toHaveCount(3);
  await expect(frames.getByTestId('frame-file')).toHaveText(['shop.exe', 'shop.exe', 'shop.exe']);
  await expect(frames.getByTestId('frame-addr')).toHaveText(['0x7ff600001010', '0x7ff600001a2b', '0x7ff600003c4d']);
  await expect(frames.getByTestId('frame-offset')).toHaveText(['+0x1010', '+0x1a2b', '+0x3c4d']);
  // The two callers were found by scanning, as Sentry says on hover: marked, the context frame not.
  await expect(frames.nth(0).getByTestId('frame-scanned')).toHaveCount(0);
  await expect(frames.nth(1).getByTestId('frame-scanned')).toHaveText('scanned');
  await expect(frames.nth(2).getByTestId('frame-scanned')).toHaveAttribute('title', /^Found by stack scanning/);
  const registers = exception.getByTestId('register');
  await expect(registers.first()).toHaveText('rax0x000000000000002a');
  await expect(registers.filter({ hasText: 'rip' })).toHaveText('rip0x00007ff600001010');
});

test("a minidump's crashed thread is listed in the Threads picker and opened first; its issue has no lone '?' culprit", async ({ page, server }) => {
  const exe = { name: '/usr/bin/shop', base: 0x400000n, size: 0x100000 };
  const s = 0x7ffd0000n;
  const crashedContext: ContextSpec = { layout: 'amd64', registers: { rip: exe.base + 0x1010n, rsp: s, rbp: 0n } };
  const workerContext: ContextSpec = { layout: 'amd64', registers: { rip: exe.base + 0x2020n, rsp: s + 0x1000n, rbp: 0n } };
  // The worker comes first in the thread list, as a dump's threads may: the picker must still open on the crashed one.
  const dump = buildMinidump({ platformId: 0x8201, arch: 9, code: 11, address: exe.base + 0x1010n, threadId: 7, modules: [exe], context: crashedContext,
    threads: [{ id: 3, context: workerContext, stack: stackOf(s + 0x1000n, [0n]), name: 'worker' }, { id: 7, context: crashedContext, stack: stackOf(s, [0n]), name: 'main' }] });
  const res = await page.request.post(`${server.url}/api/1/minidump/`, { data: dump, headers: { 'content-type': 'application/octet-stream' } });
  expect(res.status()).toBe(200);
  const eventId = (await res.text()).replace(/-/g, '');
  const event = await (await page.request.get(`${server.url}/_lookout/api/events/${eventId}`)).json() as { issueId: number };

  await page.goto(`${server.url}/#/issues/${event.issueId}`);
  await expect(page.getByTestId('event-title')).toContainText('SIGSEGV');
  await expect(page.getByTestId('issue-detail-culprit')).toHaveCount(0);
  // Open from the start, the picker in its header (Sentry's layout).
  const threads = page.getByTestId('threads');
  const picker = page.getByTestId('thread-select');
  await expect(picker.locator('option')).toHaveText(['worker', 'main (crashed, current)']);
  await expect(picker.locator('option:checked')).toHaveText('main (crashed, current)');
  // The crashed thread shows the exception's walked stack and registers.
  await expect(threads.getByTestId('frame-addr').first()).toHaveText('0x401010');
  // An x86-64 CPU's registers at 16 hex digits, small values too.
  await expect(threads.getByTestId('register').filter({ hasText: 'rip' })).toHaveText('rip0x0000000000401010');
  await picker.selectOption({ label: 'worker' });
  await expect(threads.getByTestId('frame-addr').first()).toHaveText('0x402020');
});

test('a minidump with a header but no exception stream says why it has no crash, under Processing errors', async ({ page, server }) => {
  const headerOnly = buildMinidump({ platformId: 2, code: 0xc0000005, address: 1n }).subarray(0, 20);
  const res = await page.request.post(`${server.url}/api/1/minidump/`, { data: headerOnly, headers: { 'content-type': 'application/octet-stream' } });
  expect(res.status()).toBe(200);
  const eventId = (await res.text()).replace(/-/g, '');
  await page.goto(`${server.url}/#/events/${eventId}`);
  const section = page.getByTestId('processing-errors');
  await expect(section.getByTestId('processing-errors-count')).toHaveText('There was 1 problem processing this event');
  const problem = section.getByTestId('processing-error');
  await expect(problem.getByTestId('processing-error-message')).toHaveText('No crashed thread found in the crash report');
  await expect(problem.getByTestId('processing-error-type')).toHaveText('native_no_crashed_thread');
  await expect(problem).toContainText('The minidump (20 bytes) has no readable exception stream');
});

test('Processing errors lists what an SDK recorded in event.errors, as text', async ({ page, server }) => {
  const eventId = 'e7707'.padEnd(32, '0');
  const markup = '<img src=x onerror="window.__pwned=1">';
  const event = { event_id: eventId, platform: 'javascript', message: 'checkout failed', timestamp: Date.now() / 1000,
    errors: [{ type: 'invalid_data', name: 'contexts.browser', value: markup }, { type: 'js_no_source', url: 'https://shop.example.test/app.js' }] };
  const body = `{"event_id":"${eventId}"}\n{"type":"event"}\n${JSON.stringify(event)}`;
  expect((await page.request.post(`${server.url}/api/1/envelope/`, { data: body })).status()).toBe(200);
  await page.goto(`${server.url}/#/events/${eventId}`);
  const section = page.getByTestId('processing-errors');
  await expect(section.getByTestId('processing-errors-count')).toHaveText('There were 2 problems processing this event');
  await expect(section.getByTestId('processing-error-type')).toHaveText(['invalid_data', 'js_no_source']);
  await expect(section.getByTestId('processing-error').first()).toContainText(markup);
  await expect(section.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});
