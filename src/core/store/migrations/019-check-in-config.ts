/**
 * A monitor's config is the newest `monitor_config` sent for it (Sentry upserts the monitor with
 * each), and any number of check-ins without one may follow. `has_config` marks the rows that
 * carry one and a partial index holds only those, so the lookup is one seek and an insert without
 * a config costs nothing more. Check-in ids are stored as Sentry reads them (a UUID: 32 lower-case
 * hex digits), so an `in_progress` written with dashes or capitals pairs with its close by
 * index, on whichever page each falls. Both are backfilled for the rows already stored.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/#monitor-upsert-support
 */
export const sql = `
ALTER TABLE check_ins ADD COLUMN has_config INTEGER;
UPDATE check_ins SET has_config = 1 WHERE json_valid(payload) AND json_type(payload, '$.monitor_config') = 'object';
UPDATE check_ins SET check_in_id = lower(replace(check_in_id, '-', ''))
  WHERE check_in_id IS NOT NULL AND check_in_id <> lower(replace(check_in_id, '-', ''))
    AND length(replace(check_in_id, '-', '')) = 32 AND lower(replace(check_in_id, '-', '')) NOT GLOB '*[^0-9a-f]*';
CREATE INDEX check_ins_config ON check_ins(project_id, ifnull(monitor_slug, ''), ifnull(environment, '')) WHERE has_config = 1;
`;
