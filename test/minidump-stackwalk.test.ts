import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { buildMinidump, stackOf, type ContextSpec, type DumpSpec } from '../src/core/minidump/test-minidump';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

const exe = { name: 'C:\\Program Files\\Shop\\shop.exe', base: 0x7ff600000000n, size: 0x100000 };
const ntdll = { name: 'C:\\Windows\\System32\\ntdll.dll', base: 0x7ffe2c000000n, size: 0x1f0000 };
const S = 0xb5e9aff000n;
const hex = (v: bigint) => `0x${v.toString(16)}`;
// main → Cart::checkout (rbp chain) crashed in a leaf; RtlUserThreadStart's return address is found by scanning.
const stack = stackOf(S, [0n, exe.base + 0x7777n, S + 0x30n, exe.base + 0x1a2bn, 1n, 2n, S + 0x50n, exe.base + 0x3c4dn, 0xfeedn, ntdll.base + 0x5aa58n, 0n, 0n]);
const context: ContextSpec = { layout: 'amd64', registers: { rip: exe.base + 0x1010n, rsp: S, rbp: S + 0x10n, rax: 0n, rcx: 0xc0ffeen } };
const dump: DumpSpec = {
  platformId: 2, arch: 9, code: 0xc0000005, info: [1n, 0n], address: exe.base + 0x1010n, threadId: 4242, modules: [exe, ntdll], context,
  threads: [{ id: 4242, context, stack, name: 'main' }, { id: 4250, name: 'io', stack: stackOf(S + 0x10000n, [ntdll.base + 0x100n, 0n]),
    context: { layout: 'amd64', registers: { rip: ntdll.base + 0xa0n, rsp: S + 0x10000n, rbp: 0n } } }],
};

/** The dump as Electron's crashReporter and Crashpad upload it: a multipart form with event fields. */
async function upload(bytes: Buffer): Promise<EventDetail> {
  const boundary = 'crashpad-boundary';
  const form = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sentry[release]"\r\n\r\nshop@3.1.0\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload_file_minidump"; filename="crash.dmp"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await post(`${lookout.url}/api/1/minidump/?sentry_key=k`, form, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.status).toBe(200);
  return lookout.api<EventDetail>(`events/${res.text.replace(/-/g, '')}`);
}

describe('a minidump over HTTP', () => {
  it("is stored with the crashed thread's walked stack and registers, and its other threads", async () => {
    const event = await upload(buildMinidump(dump));
    expect(event.title).toBe('EXCEPTION_ACCESS_VIOLATION_WRITE: Fatal Error: EXCEPTION_ACCESS_VIOLATION_WRITE');
    expect(event.release).toBe('shop@3.1.0');
    const exception = event.payload.exception?.values?.[0];
    const image = { package: exe.name, image_addr: hex(exe.base) };
    expect(exception?.stacktrace?.frames).toEqual([
      { instruction_addr: hex(ntdll.base + 0x5aa58n), package: ntdll.name, image_addr: hex(ntdll.base), trust: 'scan' },
      { instruction_addr: hex(exe.base + 0x3c4dn), ...image, trust: 'fp' },
      { instruction_addr: hex(exe.base + 0x1a2bn), ...image, trust: 'fp' },
      { instruction_addr: hex(exe.base + 0x1010n), ...image, trust: 'context' },
    ].map((frame) => expect.objectContaining(frame)));
    expect(exception?.stacktrace?.registers).toMatchObject({ rip: hex(exe.base + 0x1010n), rsp: hex(S), rbp: hex(S + 0x10n), rcx: '0xc0ffee', rax: '0x0' });
    expect(event.payload.threads?.values).toEqual([
      { id: 4242, name: 'main', crashed: true, current: true },
      { id: 4250, name: 'io', crashed: false, stacktrace: {
        frames: [expect.objectContaining({ instruction_addr: hex(ntdll.base + 0x100n), trust: 'scan' }), expect.objectContaining({ instruction_addr: hex(ntdll.base + 0xa0n), trust: 'context' })],
        registers: expect.objectContaining({ rip: hex(ntdll.base + 0xa0n) }) } },
    ]);
  });

  it('keeps what a dump cut inside its stacks still says, in the same issue as the whole one', async () => {
    const whole = await upload(buildMinidump(dump));
    const bytes = buildMinidump(dump);
    // The file ends with the second thread's context, the crashed thread's stack before it: cut into that stack.
    const cut = await upload(bytes.subarray(0, bytes.indexOf(stack.bytes) + 40));
    const frames = cut.payload.exception?.values?.[0]?.stacktrace?.frames ?? [];
    expect(frames.at(-1)).toMatchObject({ instruction_addr: hex(exe.base + 0x1010n), trust: 'context' });
    expect(frames.length).toBeLessThan(4);
    expect(cut.issueId).toBe(whole.issueId);
  });
});
