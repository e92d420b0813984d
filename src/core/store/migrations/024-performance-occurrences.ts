/**
 * A transaction's performance problems each count in their own issue through an `occurrence` row
 * (`pipeline/occurrence.ts`); the transaction's own row joins no issue. Before, the transaction's
 * row stood in its first problem's issue itself: `occurrence-migration.ts` gives each such row its
 * occurrence (the id is a SHA-1, which SQL cannot compute) and takes the transaction out of the issue.
 */
export const sql = `
-- No schema change: a trace finds its problems' rows by trace id (events_trace), a transaction by its item (events_envelope).
`;
