import type { KeyValueRow } from '../../components/KeyValueTable';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : v != null && typeof v === 'number' ? String(v) : null);

function context(payload: { contexts?: unknown }, name: string): Record<string, unknown> {
  const contexts = payload.contexts;
  const value = typeof contexts === 'object' && contexts !== null ? (contexts as Record<string, unknown>)[name] : undefined;
  return typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
}

/** "Chrome 119.0.0": a name and its version, or whichever was sent. */
function named(ctx: Record<string, unknown>, nameKeys: string[]): string | null {
  const name = nameKeys.map((k) => text(ctx[k])).find((v) => v !== null) ?? null;
  const version = text(ctx.version);
  return name && version ? `${name} ${version}` : name ?? version;
}

/**
 * The Browser, OS and Device rows of a feedback event, as Sentry's feedback tags show them
 * (`browser`, `os`, `device` from the event's contexts, which the SDK or Lookout's ingest fill
 * from the user agent); absent ones are left out. Untrusted text, rendered as text.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/hydrateEventTags.tsx
 */
export function environmentRows(payload: { contexts?: unknown }): KeyValueRow[] {
  const device = context(payload, 'device');
  const rows: [string, string | null][] = [
    ['Browser', named(context(payload, 'browser'), ['name'])],
    ['OS', named(context(payload, 'os'), ['name'])],
    ['Device', text(device.model) ?? text(device.family) ?? text(device.name)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}
