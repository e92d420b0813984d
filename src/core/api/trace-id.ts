/**
 * Trace ids as users and SDKs write them.
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */

/**
 * The forms a trace id is stored in: SDKs send 32 lowercase hex digits, but a hyphenated or
 * uppercase id from a hand-made client matches too. Null when it is not a trace id at all.
 */
export function traceIdForms(raw: string): [string, string] | null {
  const plain = raw.trim().replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(plain)) return null;
  return [plain.toLowerCase(), plain];
}
