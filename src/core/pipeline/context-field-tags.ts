import type { SentryEvent } from '../../shared/sentry';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Sentry's other context tags, each from a context field (`context_to_tag_mapping`): the device's model
 * (`device:"Pixel 7"`) and family, whether the OS is rooted (`os.rooted:yes`), the app's per-install hash
 * (`app.device`), the GPU's name and vendor, the cron monitor's id and slug. A field that is missing or
 * empty gives no tag, so an event without these contexts (a browser error) gets none.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/interfaces/contexts.py (context_to_tag_mapping)
 */
const CONTEXT_FIELD_TAGS: Record<string, readonly (readonly [string, string])[]> = {
  device: [['device', 'model'], ['device.family', 'family']],
  os: [['os.rooted', 'rooted']],
  app: [['app.device', 'device_app_hash']],
  gpu: [['gpu.name', 'name'], ['gpu.vendor', 'vendor_name']],
  monitor: [['monitor.id', 'id'], ['monitor.slug', 'slug']],
};

/** A context field as Sentry formats it into a tag: booleans as yes / no, numbers as text, nothing for an empty value. */
function contextFieldText(v: unknown): string | null {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** The tags of `CONTEXT_FIELD_TAGS` this event's contexts give, in its order. */
export function contextFieldTags(event: SentryEvent): [string, string][] {
  const tags: [string, string][] = [];
  const contexts = event.contexts;
  if (!isRecord(contexts)) return tags;
  for (const key of ['device', 'os', 'app', 'gpu', 'monitor'] as const) {
    const ctx = contexts[key];
    if (!isRecord(ctx)) continue;
    for (const [tag, field] of CONTEXT_FIELD_TAGS[key] ?? []) {
      const value = contextFieldText(ctx[field]);
      if (value !== null) tags.push([tag, value]);
    }
  }
  return tags;
}
