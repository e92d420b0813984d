/**
 * Sentry files a check-in sent without an environment under "production", and ingest does so
 * since this migration's release (`prepareCheckIn`); check-ins stored before it with none are
 * moved there too, so a monitor is not split into a "no environment" row and a production one.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/models.py (MonitorEnvironmentManager.ensure_environment)
 */
export const sql = `
UPDATE check_ins SET environment = 'production' WHERE environment IS NULL OR environment = '';
`;
