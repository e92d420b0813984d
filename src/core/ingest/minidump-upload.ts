import type { EnvelopeItem } from './envelope';
import { parseMultipart } from './multipart';

/** An upload's event fields and its items: the dump first, then any other files as attachments. */
export interface MinidumpUpload {
  event: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** A thrown message for the sender (the caller answers 400). */
export class MinidumpError extends Error {}

const SIGNATURES = [Buffer.from('MDMP'), Buffer.from('PMDM')];
const GZIP = Buffer.from([0x1f, 0x8b]);

/**
 * A minidump upload as Relay's minidump endpoint reads it: a raw dump, or a multipart form with
 * the dump in `upload_file_minidump`, event JSON in a `sentry` field or spread over `sentry[...]`
 * fields (`sentry[release]`, `sentry[tags][feature]`, as Crashpad's annotations send them), and
 * other files as attachments. What is not a minidump (no MDMP signature, nor gzip of one) is refused.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#attachment
 */
export function readMinidumpUpload(body: Buffer, contentType: string): MinidumpUpload {
  const base = { level: 'fatal', platform: 'native' };
  if (!/multipart\/form-data/i.test(contentType)) {
    // Relay also takes a raw dump posted as application/octet-stream or application/x-dmp.
    return { event: base, items: [minidumpItem(checkedDump(body), 'minidump.dmp')] };
  }
  let form: ReturnType<typeof parseMultipart>;
  try { form = parseMultipart(body, contentType); } catch (err) { throw new MinidumpError(`invalid minidump upload: ${(err as Error).message}`); }
  const dump = form.files.find((f) => f.field === 'upload_file_minidump');
  if (!dump) throw new MinidumpError('minidump upload has no upload_file_minidump file');
  let event: Record<string, unknown> = { ...base };
  if (form.fields.sentry) {
    try { event = { ...event, ...JSON.parse(form.fields.sentry) as Record<string, unknown> }; } catch {
      throw new MinidumpError('the minidump upload\'s "sentry" field is not valid JSON');
    }
  }
  for (const [name, value] of Object.entries(form.fields)) {
    const path = bracketPath(name);
    if (path) setPath(event, path, value);
  }
  const attachments = form.files.filter((f) => f !== dump).map((f) => ({
    headers: { type: 'attachment', filename: f.filename, content_type: f.contentType }, payload: f.data,
  }));
  return { event, items: [minidumpItem(checkedDump(dump.data), dump.filename || 'minidump.dmp'), ...attachments] };
}

function checkedDump(data: Buffer): Buffer {
  const head = data.subarray(0, 4);
  if (SIGNATURES.some((s) => head.equals(s)) || data.subarray(0, 2).equals(GZIP)) return data;
  throw new MinidumpError('the uploaded file is not a minidump (it does not start with the MDMP signature)');
}

function minidumpItem(data: Buffer, filename: string): EnvelopeItem {
  return { headers: { type: 'attachment', attachment_type: 'event.minidump', filename, content_type: 'application/x-dmp' }, payload: data };
}

/** `sentry[tags][feature]` → ['tags', 'feature']; null for any other field name. */
function bracketPath(name: string): string[] | null {
  if (!/^sentry(\[[^[\]]+\])+$/.test(name)) return null;
  return [...name.matchAll(/\[([^[\]]+)\]/g)].map((m) => m[1]!);
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  if (path.some((k) => UNSAFE_KEYS.has(k))) return;
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}
