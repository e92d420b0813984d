/**
 * What an event (or a log or span, by its `sentry.release` and SDK attributes) says about the app
 * that sent it, for the name and platform badge of a project Lookout made up from a DSN's project id.
 * Sentry asks for a name when a project is created; Lookout creates projects on first ingest, so it
 * reads one from what they send:
 * - the release's package part: Sentry recommends `package@version` release names and its SDKs and
 *   tools write them so (the Electron and mobile SDKs default to `appName@version`, the wizard and
 *   bundler plugins to `package.json`'s name), e.g. `backend@23.12.0+597b9a8`, `io.sentry.samples.android@7.2.0+2`;
 * - else the platform, as Sentry's "create project" form names a new project after its platform.
 * `server_name` is not used: the Node and Python SDKs fill it with the machine's host name, the same
 * for every app on a developer's machine.
 * @see https://docs.sentry.io/platforms/javascript/configuration/releases/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#required-attributes
 */

/** A name's longest length (Sentry's project slugs stop at 50; a package name may be longer). */
export const PROJECT_NAME_MAX = 64;

/** The event `platform` values Sentry's protocol lists (`other` says nothing). */
const PLATFORMS = new Set(['as3', 'c', 'cfml', 'cocoa', 'csharp', 'elixir', 'haskell', 'go', 'groovy', 'java', 'javascript',
  'native', 'node', 'objc', 'perl', 'php', 'python', 'ruby', 'dart', 'rust', 'swift', 'kotlin', 'unity', 'unreal']);

/** SDK families whose name (`sentry.<family>…`) is not the platform they report. */
const SDK_PLATFORM: Record<string, string> = { dotnet: 'csharp', rust: 'rust', dart: 'dart', native: 'native', cocoa: 'cocoa' };

/**
 * The package part of a `package@version` release (before its last `@`, so `@acme/web@1.2.0` gives
 * `@acme/web`), or null when the release names no package (a bare version or commit hash).
 */
export function releasePackageName(release: string | null): string | null {
  if (!release) return null;
  const at = release.lastIndexOf('@');
  if (at <= 0 || at === release.length - 1) return null;
  const name = release.slice(0, at).trim();
  // A name has a letter; `1.2@3` or a hash is no package.
  if (!/[a-z]/i.test(name) || /^[0-9a-f]{7,}$/i.test(name)) return null;
  return cleanProjectName(name);
}

/**
 * JavaScript SDKs that run on Node: their events say `platform: node`, and their logs and spans,
 * which have no platform, must give the same badge.
 */
const NODE_SDKS = new Set(['node', 'nestjs', 'aws-serverless', 'google-cloud-serverless']);

/**
 * The app's platform: the event's `platform` when it is one of Sentry's, else the SDK's family
 * (`sentry.python` → python, `sentry.javascript.browser` → javascript, `sentry.javascript.node` → node,
 * `sentry.dotnet` → csharp). A log or a span has only the SDK.
 */
export function platformOf(platform: string | null, sdk: string | null): string | null {
  const own = platform?.trim().toLowerCase() ?? '';
  if (PLATFORMS.has(own)) return own;
  const js = /^sentry\.javascript\.([a-z-]+)/i.exec(sdk ?? '')?.[1]?.toLowerCase();
  if (js && NODE_SDKS.has(js)) return 'node';
  const family = /^sentry\.([a-z0-9]+)/i.exec(sdk ?? '')?.[1]?.toLowerCase();
  if (!family) return null;
  return SDK_PLATFORM[family] ?? (PLATFORMS.has(family) ? family : null);
}

/**
 * A name as stored: trimmed, control characters and line breaks turned into spaces, at most
 * `PROJECT_NAME_MAX` characters. Null when nothing is left.
 */
export function cleanProjectName(raw: string): string | null {
  const name = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return name ? [...name].slice(0, PROJECT_NAME_MAX).join('').trim() : null;
}

/** The name a project has until its events say more: what it was called before names were read. */
export const placeholderName = (projectId: number) => `project-${projectId}`;
