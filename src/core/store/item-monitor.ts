/**
 * The monitor a stored `check_in` item belongs to, so the Stream can link the row to the
 * monitor's page. An envelope's check-in items and its `check_ins` rows are written in the same
 * order, so the n-th check-in item is the n-th row (SDKs send one per envelope: a seek or two).
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import type { ItemSummary } from '../../shared/api-types';

/** A column for `SELECT … FROM items`: `[slug, environment]` as JSON for a check-in, else null. */
export const ITEM_MONITOR_COLUMN = `CASE WHEN items.kind = 'check_in' THEN (
  SELECT json_array(c.slug, c.env) FROM (SELECT monitor_slug AS slug, environment AS env, row_number() OVER (ORDER BY id) - 1 AS n
    FROM check_ins WHERE envelope_id = items.envelope_id) AS c
  WHERE c.n = (SELECT count(*) FROM items i2 WHERE i2.envelope_id = items.envelope_id AND i2.kind = 'check_in' AND i2.item_index < items.item_index)
) END AS monitor`;

/** The item's monitor from that column (or from the row just written); undefined without a slug. */
export function itemMonitor(slug: unknown, environment: unknown): ItemSummary['monitor'] {
  return typeof slug === 'string' && slug !== '' ? { slug, environment: typeof environment === 'string' ? environment : null } : undefined;
}

/** Reads the column {@link ITEM_MONITOR_COLUMN}. */
export function monitorColumn(v: unknown): ItemSummary['monitor'] {
  if (typeof v !== 'string') return undefined;
  try {
    const [slug, environment] = JSON.parse(v) as unknown[];
    return itemMonitor(slug, environment);
  } catch { return undefined; }
}
