import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export function sendBytes(res: ServerResponse, contentType: string, data: Buffer | string, extra: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(data), 'cache-control': 'no-store', ...extra });
  res.end(data);
}

/** Reads a small JSON request body (settings, status changes); refuses anything large. */
export async function readJson(req: IncomingMessage, max = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

export function intParam(v: string | null, fallback: number, min: number, max: number): number {
  if (v === null || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new HttpError(400, `expected an integer, got ${JSON.stringify(v)}`);
  return Math.min(max, Math.max(min, n));
}
