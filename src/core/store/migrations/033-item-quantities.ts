/**
 * Stats counted a log container or a span container as one accepted item (migration 029 and ingest
 * until now); Relay counts each log (`log_item`) and each standalone span (`span`). The hours the
 * stored logs and spans fall in are counted again from their rows (a log row each, a span item's
 * `span_blocks` its `span_count`), at their envelope's arrival as ingest counts them. A recount
 * never lowers an hour: rows pruned since were counted once and stay so. `log_byte` is counted
 * from ingest on only: the containers' sizes are in the raw envelopes.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/envelope/item.rs (quantities)
 */
export const sql = `
INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
  SELECT l.project_id, e.received - e.received % 3600000 AS hour, 'accepted', 'log_item', '', COUNT(*), MIN(e.received), MAX(e.received)
  FROM logs l JOIN envelopes e ON e.id = l.envelope_id
  GROUP BY l.project_id, hour
  ON CONFLICT (hour, project_id, outcome, category, reason) DO UPDATE SET quantity = MAX(quantity, excluded.quantity),
    first_ms = MIN(first_ms, excluded.first_ms), last_ms = MAX(last_ms, excluded.last_ms);
INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
  SELECT b.project_id, e.received - e.received % 3600000 AS hour, 'accepted', 'span', '', SUM(b.span_count), MIN(e.received), MAX(e.received)
  FROM span_blocks b JOIN envelopes e ON e.id = b.envelope_id
  WHERE b.transaction_event_id IS NULL
  GROUP BY b.project_id, hour HAVING SUM(b.span_count) > 0
  ON CONFLICT (hour, project_id, outcome, category, reason) DO UPDATE SET quantity = MAX(quantity, excluded.quantity),
    first_ms = MIN(first_ms, excluded.first_ms), last_ms = MAX(last_ms, excluded.last_ms);
`;
