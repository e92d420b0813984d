/** The logs of one trace, for the trace view and the Logs view's trace filter, without a scan. */
export const sql = `
CREATE INDEX logs_trace ON logs(trace_id, timestamp);
`;
