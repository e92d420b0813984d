/**
 * Content-Security-Policy added to every response from the core server in the desktop app, on top
 * of whatever the server sends: a floor that holds even if a response forgets its own policy.
 * Scripts and connections only to our origin; passive content (images, fonts, styles) may come
 * from anywhere because replays re-render the recorded page with its own assets.
 * @see https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' http: https:",
  "img-src 'self' data: blob: http: https:",
  "font-src 'self' data: http: https:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Response headers with our policy added. A policy the server already sent stays: every CSP is
 * enforced, so adding one can only tighten (attachments keep their `sandbox`).
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string = CONTENT_SECURITY_POLICY,
): Record<string, string[]> {
  const result: Record<string, string[]> = { ...headers };
  const existing = Object.keys(result).find((name) => name.toLowerCase() === 'content-security-policy');
  const name = existing ?? 'Content-Security-Policy';
  result[name] = [...(result[name] ?? []), policy];
  return result;
}
