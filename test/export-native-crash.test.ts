/**
 * A bug report of a native crash a teammate can act on, from a real Lookout fed the envelopes a
 * reviewer's sentry-native (Android NDK) and sentry-cocoa crashes sent: each frame by image and
 * offset with its address, the crashed thread, the signal and Mach exception, the crashed thread's
 * registers, why frames have no symbol, and the binary images the stack lies in.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./fixtures/native/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Posts the event as the SDK sends it (an envelope) and answers its issue id. */
async function send(event: Record<string, unknown>): Promise<number> {
  const body = `${JSON.stringify({ event_id: event.event_id, sdk: event.sdk })}\n{"type":"event"}\n${JSON.stringify(event)}\n`;
  const res = await post(`${lookout.url}/api/1/envelope/`, body, { 'content-type': 'application/x-sentry-envelope' });
  expect(res.status).toBe(200);
  const detail = await lookout.api<EventDetail>(`events/${String(event.event_id)}`);
  return detail.issueId!;
}

async function report(issueId: number, format: 'md' | 'html'): Promise<string> {
  const res = await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=${format}&replay=0`);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

describe('the bug report of an unsymbolicated NDK crash', () => {
  let md = '';
  let html = '';
  beforeAll(async () => {
    const issueId = await send(fixture('ndk-crash.json'));
    [md, html] = await Promise.all([report(issueId, 'md'), report(issueId, 'html')]);
  });

  it('places every frame in its image by address, with the offset and the address', () => {
    expect(md).toContain('`<unknown>` in `libshop.so +0xbbf9 · 0x708ebbf9`');
    expect(md).toContain('`<unknown>` in `libart.so +0x4c9154 · 0xe625e154`');
    expect(md).toContain('`<unknown>` in `unknown image · 0xbcc196b4`');
    expect(md).not.toContain('in `<unknown>`');
    expect(html).toContain('<code>&lt;unknown&gt;</code> in <code>libshop.so +0xbbf9 · 0x708ebbf9</code>');
  });

  it('says which image lacks a debug file and lists the binary images the stack uses', () => {
    const native = md.slice(md.indexOf('## Native crash'));
    expect(native).toContain('| Signal | `SIGSEGV (11)` |');
    expect(native).toContain('- no debug file for libshop.so (debug id 7973b1b1-0655-3e10-2867-f41cb3e00048): 1 frame without a symbol');
    expect(native).toContain('- 1 frame at addresses in no listed image');
    expect(native).toContain('| `libshop.so` | `0x708e0000 – 0x709dffff` | ? | `7973b1b1-0655-3e10-2867-f41cb3e00048` |');
    expect(html).toContain('<section id="native">');
    expect(html).toContain('<td><code>libart.so</code></td><td><code>0xe5d95000 – 0xe643bfff</code></td>');
  });
});

describe('the bug report of a cocoa crash', () => {
  let md = '';
  let html = '';
  beforeAll(async () => {
    const issueId = await send(fixture('cocoa-crash.json'));
    [md, html] = await Promise.all([report(issueId, 'md'), report(issueId, 'html')]);
  });

  it('names the crashed thread, the signal and the Mach exception', () => {
    expect(md).toContain('| Crashed thread | `0 com.apple.main-thread` |');
    expect(md).toContain('| Signal | `SIGBUS (10), code BUS_NOOP (0)` |');
    expect(md).toContain('| Mach exception | `EXC_BAD_ACCESS (1), code 1, subcode 0` |');
    expect(md).toContain('`main` in `Shop +0x99e0 · 0x000000010008d9e0`');
  });

  it("prints the crashed thread's registers at 64 bits, in the CPU's order", () => {
    const registers = md.slice(md.indexOf('### Registers (crashed thread)'), md.indexOf('### Binary images'));
    expect(registers).toContain('  x0 0x00000001700eee80     x1 0x000000010008e49c     x8 0x0000000000000000');
    expect(registers).toContain('  pc 0x00000001000b0bfc');
    expect(html).toContain('<span class="register"><b>pc</b> <code>0x00000001000b0bfc</code></span>');
  });

  it('lists the six images the crashed stack uses, with arch and debug id', () => {
    const start = md.indexOf('### Binary images');
    const images = md.slice(start, md.indexOf('\n## ', start));
    expect(images.match(/^\| `/gm)).toHaveLength(6);
    expect(images).toContain('| `Shop` | `0x0000000100084000 – 0x0000000100093fff` | arm64 | `6a1b2c3d-4e5f-3a6b-8c7d-9e0f1a2b3c4d` |');
    expect(images).not.toContain('more image');
  });
});
