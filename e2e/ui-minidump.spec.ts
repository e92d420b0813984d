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
