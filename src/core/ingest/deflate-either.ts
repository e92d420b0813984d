/**
 * The `deflate` content coding as clients send it: zlib-wrapped (RFC 1950), as the coding is
 * defined, or a bare RFC 1951 stream, as some clients send it.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-deflate-coding
 */
import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';

/**
 * `deflate` should be zlib-wrapped (RFC 1950) but some clients send a bare RFC 1951 stream, so
 * the first two bytes decide which inflater to use.
 */
export class ZlibOrRawInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private head: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 2) return callback();
      chunk = this.head;
      this.head = Buffer.alloc(0);
      this.inner = this.open(chunk);
    }
    // Bytes after the end of the deflate stream are ignored, as gunzip ignores them after a member.
    if (this.inner.readableEnded || this.inner.destroyed) return callback();
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    let inner = this.inner;
    if (!inner) {
      inner = this.open(this.head);
      inner.write(this.head);
    }
    if (inner.readableEnded) return callback();
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }

  private open(head: Buffer): zlib.Inflate | zlib.InflateRaw {
    const inner = hasZlibHeader(head) ? zlib.createInflate() : zlib.createInflateRaw();
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (err: Error) => this.destroy(err));
    return inner;
  }
}

/** RFC 1950 header: method 8 (deflate), window ≤ 32 KiB, and a check value making it a multiple of 31. */
export function hasZlibHeader(head: Buffer): boolean {
  const cmf = head[0];
  const flg = head[1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** `decoded`: the limit was passed by what decompression produced, not by the bytes sent. */
