/**
 * Browser and OS names from a User-Agent header, for replay events that carry only
 * `request.headers["User-Agent"]` (Relay derives the same contexts server side).
 * Plain substring scans: no regular expressions, so hostile headers cost linear time.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/contexts/#browser-context
 */

/** Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari". */
const BROWSERS: Array<[token: string, name: string]> = [
  ['Edg/', 'Edge'],
  ['OPR/', 'Opera'],
  ['Firefox/', 'Firefox'],
  ['FxiOS/', 'Firefox'],
  ['CriOS/', 'Chrome'],
  ['HeadlessChrome/', 'HeadlessChrome'],
  ['Chrome/', 'Chrome'],
];

export function browserFromUserAgent(ua: string): string | null {
  for (const [token, name] of BROWSERS) {
    const version = versionAfter(ua, token);
    if (version !== null) return version ? `${name} ${version}` : name;
  }
  if (ua.includes('Safari/')) {
    const version = versionAfter(ua, 'Version/');
    return version ? `Safari ${version}` : 'Safari';
  }
  return null;
}

export function osFromUserAgent(ua: string): string | null {
  const windows = versionAfter(ua, 'Windows NT ');
  if (windows !== null) return windows ? `Windows NT ${windows}` : 'Windows';
  for (const [token, name] of [['iPhone OS ', 'iOS'], ['CPU OS ', 'iPadOS'], ['Android ', 'Android']] as const) {
    const version = versionAfter(ua, token);
    if (version !== null) return version ? `${name} ${version.replaceAll('_', '.')}` : name;
  }
  const mac = versionAfter(ua, 'Mac OS X ');
  if (mac !== null) return mac ? `macOS ${mac.replaceAll('_', '.')}` : 'macOS';
  if (ua.includes('CrOS')) return 'Chrome OS';
  if (ua.includes('Linux')) return 'Linux';
  return null;
}

/** The run of version characters right after `token`, '' when none, null when absent. */
function versionAfter(ua: string, token: string): string | null {
  const at = ua.indexOf(token);
  if (at < 0) return null;
  let end = at + token.length;
  const limit = Math.min(ua.length, end + 32);
  while (end < limit && isVersionChar(ua.charCodeAt(end))) end++;
  return ua.slice(at + token.length, end);
}

function isVersionChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46 /* . */ || code === 95 /* _ */;
}
