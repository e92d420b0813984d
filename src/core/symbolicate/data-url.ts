/**
 * Decodes a `data:` URL (base64 or percent-encoded) into text: an inline source map.
 * @see https://tc39.es/ecma426/#sec-linking-generated-code
 */
export function decodeDataUrl(url: string): string | null {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma === -1) return null;
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  try {
    return meta.split(';').includes('base64') ? Buffer.from(payload, 'base64').toString('utf8') : decodeURIComponent(payload);
  } catch {
    return null;
  }
}
