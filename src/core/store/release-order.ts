/**
 * Whether an event's release comes after the one an issue was resolved in, for "resolve in the
 * next release": Sentry compares semantic versions when both releases are such (`pkg@1.2.3`,
 * `1.2.3-rc.1`), and otherwise by when they appeared (here: whether the issue had the release before).
 * @see https://docs.sentry.io/product/releases/usage/sorting-filtering/
 */

interface Semver { pkg: string; nums: [number, number, number]; pre: string[] }

const SEMVER = /^(?:(.+)@)?v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(release: string): Semver | null {
  const m = SEMVER.exec(release.trim());
  if (!m) return null;
  return { pkg: m[1] ?? '', nums: [Number(m[2]), Number(m[3]), Number(m[4])], pre: m[5] ? m[5].split('.') : [] };
}

/** Semver precedence: numbers, then a release above its pre-releases, then pre-release fields. */
function compare(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) if (a.nums[i] !== b.nums[i]) return a.nums[i]! - b.nums[i]!;
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : null;
    const ny = /^\d+$/.test(y) ? Number(y) : null;
    if (nx !== null && ny !== null) return nx - ny;
    if (nx !== null || ny !== null) return nx !== null ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * True when `release` is a later release than `resolvedIn`. `seenBefore` says whether the issue
 * already had events of `release` (used when the two are not versions of one package): a release
 * new to it is the next one, an old one sending again is not.
 */
export function isLaterRelease(release: string, resolvedIn: string | null, seenBefore: (release: string) => boolean): boolean {
  if (resolvedIn === null) return true;
  if (release === resolvedIn) return false;
  const a = parse(release);
  const b = parse(resolvedIn);
  if (a && b && a.pkg === b.pkg) return compare(a, b) > 0;
  return !seenBefore(release);
}
