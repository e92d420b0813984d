/**
 * Reads an exported report back as every text it carries: the file itself and, for a JSON
 * bundle, its base64 envelopes, attachments and replay segments decoded (gzip/deflate undone), so
 * a test can tell whether a secret left in any form.
 */
import { gunzipSync, inflateSync } from 'node:zlib';

function decoded(base64: unknown): string {
  if (typeof base64 !== 'string') return '';
  const bytes = Buffer.from(base64, 'base64');
  const tries = [() => gunzipSync(bytes), () => inflateSync(bytes), () => bytes];
  // A replay segment is a JSON header line, then the (deflated) rrweb events.
  const newline = bytes.indexOf(0x0a);
  if (newline > 0) tries.splice(2, 0, () => Buffer.concat([bytes.subarray(0, newline + 1), inflateSync(bytes.subarray(newline + 1))]));
  for (const attempt of tries) {
    try { return attempt().toString('utf8'); } catch { /* next form */ }
  }
  return '';
}

interface BundleShape {
  envelopes?: { data?: unknown }[];
  attachments?: { data?: unknown }[];
  replay?: { segments?: { data?: unknown }[] } | null;
}

/** The report's own text plus, for a bundle, every decoded binary part. */
export function reportTexts(filename: string, body: Buffer): string[] {
  const text = body.toString('utf8');
  if (!filename.endsWith('.json')) return [text];
  const bundle = JSON.parse(text) as BundleShape;
  return [
    text,
    ...(bundle.envelopes ?? []).map((e) => decoded(e.data)),
    ...(bundle.attachments ?? []).map((a) => decoded(a.data)),
    ...(bundle.replay?.segments ?? []).map((s) => decoded(s.data)),
  ];
}

/** Each secret in the spellings it could take (card numbers with or without separators). */
export function secretForms(secrets: string[]): string[] {
  return secrets.flatMap((s) => (/^[\d -]+$/.test(s) ? [s, s.replace(/[ -]/g, ''), s.replace(/ /g, '-')] : [s]));
}
