/**
 * The Crons view reads a monitor's newest check-ins and the rows of one run (an `in_progress`
 * check-in and the one closing it share a `check_in_id`). Without these, each monitor on the
 * list scanned every check-in stored. `check_ins_monitor` is on the expressions the queries use
 * (`ifnull`), so a check-in without an environment is found by equality like the others; rowid
 * order within a monitor comes with the index. Check-ins are one or two small rows per job run,
 * so the two entries cost ingest next to nothing.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
export const sql = `
CREATE INDEX check_ins_monitor ON check_ins(project_id, ifnull(monitor_slug, ''), ifnull(environment, ''));
CREATE INDEX check_ins_run ON check_ins(check_in_id) WHERE check_in_id IS NOT NULL;
`;
