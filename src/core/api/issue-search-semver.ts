/**
 * Sentry's semver keys of the issue search, read from the release tag as Sentry parses a release
 * (`package@version+build`): `release.version:` compares the version (`>=2.4.0`, `<3`, `2.3.*`; a release that is
 * no semantic version matches none of them, a final release is above its pre-releases), `release.package:` is
 * the package (`com.acme.Shop`), `release.build:` the build (`412`, `>=410` as a number when it is one,
 * `41*` a prefix). As Sentry does, each becomes the list of releases it matches, searched as `release:[…]`; `!`
 * leaves those releases out.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/search/events/filter.py (_semver_filter_converter, _semver_build_filter_converter)
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/releases/util.py (SemverFilter)
 * @see https://docs.sentry.io/product/releases/usage/sorting-filtering/#filtering-releases
 */
import type { DB } from '../store/db';

export type SemverKey = 'release.version' | 'release.package' | 'release.build';
export const SEMVER_KEYS = new Set<string>(['release.version', 'release.package', 'release.build']);

/** One semver filter as typed: the key, the value (with its operator) and `!`. */
export interface SemverFilter { key: SemverKey; value: string; negate: boolean }

type Op = '=' | '>' | '>=' | '<' | '<=';
const OPERATOR = /^(>=|<=|>|<|=)?\s*(.*)$/s;

/** A release as Relay's parser splits it: the package, up to four numbers, the pre-release and the build. */
interface ParsedRelease { package: string | null; numbers: number[]; prerelease: string; build: string | null }
const RELEASE = /^(?:(.+)@)?(\d{1,15})(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]*))?$/;

export function parseRelease(release: string): ParsedRelease | null {
  const m = RELEASE.exec(release);
  if (!m) return null;
  return { package: m[1] ?? null, numbers: [m[2], m[3], m[4], m[5]].map((n) => Number(n ?? 0)), prerelease: m[6] ?? '', build: m[7] || null };
}

/**
 * `a` compared with `b` on the first `parts` numbers (a wildcard's), else on all four and then the pre-release:
 * a final release above its pre-releases, as Sentry's `prerelease_case` orders them.
 */
function compareVersions(a: ParsedRelease, b: { numbers: number[]; prerelease: string; parts: number }): number {
  for (let i = 0; i < b.parts; i++) {
    const d = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (b.parts < 4) return 0;
  if ((a.prerelease === '') !== (b.prerelease === '')) return a.prerelease === '' ? 1 : -1;
  return a.prerelease === b.prerelease ? 0 : a.prerelease > b.prerelease ? 1 : -1;
}

const holds = (op: Op, cmp: number) => (op === '=' ? cmp === 0 : op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : cmp <= 0);

/**
 * The test a `release.version:` value puts on a release, or null when it reads no version. `1.2.*` (or
 * `1.2`) compares the parts given; `pkg@1.2.3` also asks for that package.
 */
function versionTest(raw: string): ((r: ParsedRelease) => boolean) | null {
  const [, opText, rest = ''] = OPERATOR.exec(raw.trim()) ?? [];
  const op = (opText ?? '=') as Op;
  const at = rest.lastIndexOf('@');
  const pkg = at >= 0 ? rest.slice(0, at) : null;
  const typed = at >= 0 ? rest.slice(at + 1) : rest;
  // `2.3.*` (Sentry's wildcards `*`, `x`, `X`) compares the parts before it and takes no operator.
  const version = typed.replace(/(?:\.[*xX])+$|^[*xX]$/, '');
  const wildcard = version !== typed;
  if (wildcard && op !== '=') return null;
  if (version === '') return (r) => pkg === null || r.package === pkg;
  const parsed = parseRelease(version);
  if (!parsed || parsed.package !== null) return null;
  const wanted = { numbers: parsed.numbers, prerelease: parsed.prerelease, parts: wildcard ? version.split('.').length : 4 };
  return (r) => (pkg === null || r.package === pkg) && holds(op, compareVersions(r, wanted));
}

/** The test a `release.build:` value puts on a release: numbers compared as numbers, `*` at the end a prefix. */
function buildTest(raw: string): ((r: ParsedRelease) => boolean) | null {
  const [, opText, rest = ''] = OPERATOR.exec(raw.trim()) ?? [];
  const op = (opText ?? '=') as Op;
  if (/^\d{1,15}$/.test(rest)) return (r) => r.build !== null && /^\d{1,15}$/.test(r.build) && holds(op, Math.sign(Number(r.build) - Number(rest)));
  if (op !== '=') return null;
  if (rest.endsWith('*')) return (r) => r.build !== null && r.build.startsWith(rest.slice(0, -1));
  return (r) => r.build === rest;
}

/** The test of one filter, or the sentence that says why its value was left out. */
export function semverTest(filter: SemverFilter): ((release: string) => boolean) | string {
  if (filter.key === 'release.package') {
    return (release) => parseRelease(release)?.package === filter.value;
  }
  const test = filter.key === 'release.version' ? versionTest(filter.value) : buildTest(filter.value);
  if (!test) {
    return filter.key === 'release.version'
      ? `release.version needs a version, such as release.version:>=2.4.0 or release.version:2.3.*: ${JSON.stringify(filter.value)} was left out of the search.`
      : `release.build needs a build, such as release.build:412, release.build:>=400 or release.build:41*: ${JSON.stringify(filter.value)} was left out of the search.`;
  }
  return (release) => {
    const parsed = parseRelease(release);
    return parsed !== null && test(parsed);
  };
}

/** Every release the store has seen (in events and sessions, `release_environments`), once. */
export function knownReleases(db: DB): string[] {
  return db.prepare('SELECT DISTINCT release FROM release_environments').pluck().all() as string[];
}
