// Request templates with fixed-width slots (event id, timestamp, segment id) that the load
// generator fills per request, so every envelope is unique without building it again. Gzip
// bodies keep each slot in a stored deflate block, so filling one costs a copy and a CRC.
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Placeholder strings put into the JSON; each becomes a slot of the same width. */
export const SLOT = {
  id: (n) => `@ID${n}@`.padEnd(32, '_'),
  number: (name) => `@N:${name}@`.padEnd(16, '_'),
};

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * Splits `text` at its placeholders. A quoted number placeholder (`"@N:ts@____"`) becomes an
 * unquoted slot padded with spaces, which JSON allows.
 * @returns {{ parts: Buffer[], slots: { name: string, width: number, numeric: boolean }[] }}
 */
export function splitSlots(text) {
  const parts = [];
  const slots = [];
  const pattern = /"?@(ID\d+|N:\w+)@_*"?/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const numeric = m[1].startsWith('N:');
    const quoted = m[0].startsWith('"');
    const inner = quoted && numeric ? m[0].length : m[0].length - (quoted ? 2 : 0);
    const start = quoted && !numeric ? m.index + 1 : m.index;
    parts.push(Buffer.from(text.slice(last, start)));
    slots.push({ name: numeric ? m[1].slice(2) : m[1], width: inner, numeric });
    last = start + inner;
  }
  parts.push(Buffer.from(text.slice(last)));
  return { parts, slots };
}

function storedBlock(width) {
  const head = Buffer.alloc(5);
  head[0] = 0; // BFINAL=0, BTYPE=00; the stream is byte-aligned after a full flush.
  head.writeUInt16LE(width, 1);
  head.writeUInt16LE(~width & 0xffff, 3);
  return head;
}

/**
 * Prepares one request: head + body with slot offsets. `gzip` builds a single gzip member in
 * which every slot is a stored block, so the CRC is the only thing recomputed per request.
 */
export function buildRequest({ text, path, host, contentType, gzip, extraHeaders = '' }) {
  const { parts, slots } = splitSlots(text);
  const plainLength = parts.reduce((n, p) => n + p.length, 0) + slots.reduce((n, s) => n + s.width, 0);
  const chunks = [];
  const offsets = [];
  let bodyLength = 0;
  const push = (b) => { chunks.push(b); bodyLength += b.length; };
  if (gzip) push(GZIP_HEADER);
  parts.forEach((part, i) => {
    const slot = slots[i];
    if (!gzip) push(part);
    else push(deflateRawSync(part, { level: 6, finishFlush: slot ? constants.Z_FULL_FLUSH : constants.Z_FINISH }));
    if (!slot) return;
    if (gzip) push(storedBlock(slot.width));
    offsets.push(bodyLength);
    push(Buffer.alloc(slot.width, 0x20));
  });
  if (gzip) push(Buffer.alloc(8));
  const head = Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${contentType}\r\n` +
    `${gzip ? 'Content-Encoding: gzip\r\n' : ''}${extraHeaders}Content-Length: ${bodyLength}\r\nConnection: keep-alive\r\n\r\n`);
  const bytes = Buffer.concat([head, ...chunks]);
  return {
    bytes, gzip, parts, slots, plainLength, bodyLength,
    slotOffsets: offsets.map((o) => o + head.length),
    trailerOffset: head.length + bodyLength - 8,
  };
}

/** Writes a value into a slot: ids as-is (32 hex), numbers right-aligned with spaces. */
function slotBytes(slot, value) {
  const text = String(value);
  if (text.length > slot.width) throw new Error(`value ${text} does not fit slot ${slot.name} (${slot.width})`);
  return Buffer.from(slot.numeric ? text.padStart(slot.width, ' ') : text.padEnd(slot.width, '0'));
}

/** A fresh copy of the request with `values[slot.name]` filled in (and the gzip CRC updated). */
export function fillRequest(req, values) {
  const out = Buffer.allocUnsafe(req.bytes.length);
  req.bytes.copy(out);
  const filled = req.slots.map((slot) => slotBytes(slot, values[slot.name]));
  filled.forEach((b, i) => b.copy(out, req.slotOffsets[i]));
  if (req.gzip) {
    let crc = 0;
    req.parts.forEach((part, i) => {
      crc = crc32(part, crc);
      if (filled[i]) crc = crc32(filled[i], crc);
    });
    out.writeUInt32LE(crc >>> 0, req.trailerOffset);
    out.writeUInt32LE(req.plainLength >>> 0, req.trailerOffset + 4);
  }
  return out;
}
