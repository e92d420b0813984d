/**
 * What a log's or a span's attributes say about the app that sent it, for the project's name and
 * platform badge (store/project-namer.ts), as an event's `release` and `sdk` say it: the SDKs set
 * `sentry.release`, `sentry.sdk.name` and `sentry.sdk.version` on every log and span they send; a
 * session names its release in `attrs.release`.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#default-attributes
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */

/** The facts a project is named from (the shape of `EventFacts`' part the namer reads). */
export interface TelemetryNaming { platform: string | null; release: string | null; sdk: string | null }

/** An attribute's string value, in the typed (`{ value, type }`) or the plain form. */
function stringAttribute(attributes: Record<string, unknown>, key: string): string | null {
  const entry = attributes[key];
  const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : entry;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The release and SDK (`name/version`, as events' facts write it) one log or span names, or null
 * when it names neither. Only the first log or span of an item is read: one SDK sent them all.
 */
export function namingFromAttributes(attributes: unknown): TelemetryNaming | null {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return null;
  const attrs = attributes as Record<string, unknown>;
  const release = stringAttribute(attrs, 'sentry.release');
  const sdkName = stringAttribute(attrs, 'sentry.sdk.name');
  if (release === null && sdkName === null) return null;
  return { platform: null, release, sdk: sdkName === null ? null : `${sdkName}/${stringAttribute(attrs, 'sentry.sdk.version') ?? ''}` };
}

/**
 * What a session says of its app: its `attrs.release` (`com.acme.api@1.0.0` names the project
 * `com.acme.api`, as an event's release would), or null without one. A session names no SDK.
 * @see https://develop.sentry.dev/sdk/telemetry/sessions/
 */
export function namingFromSessionRelease(release: string | null): TelemetryNaming | null {
  return release ? { platform: null, release, sdk: null } : null;
}
