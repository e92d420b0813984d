/**
 * Stats counted an accepted attachment as 1 in `attachment` (migration 029 and ingest until now),
 * while Relay counts it twice: its bytes in `attachment` and the item in `attachment_item`, and an
 * SDK's client reports count lost attachments in bytes. The old counts become `attachment_item`,
 * and each hour's `attachment` becomes the bytes of the attachments stored in it (at their envelope's
 * arrival, as ingest counts them), never lower than before: Relay counts at least 1 byte an item,
 * so an hour's old item count is also a lower bound of its bytes when its attachments were pruned.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/envelope/item.rs (quantities)
 */
export const sql = `
INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
  SELECT project_id, hour, 'accepted', 'attachment_item', '', quantity, first_ms, last_ms
  FROM outcome_counts WHERE outcome = 'accepted' AND category = 'attachment' AND reason = ''
  ON CONFLICT (hour, project_id, outcome, category, reason) DO UPDATE SET quantity = MAX(quantity, excluded.quantity),
    first_ms = MIN(first_ms, excluded.first_ms), last_ms = MAX(last_ms, excluded.last_ms);
INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
  SELECT a.project_id, e.received - e.received % 3600000 AS hour, 'accepted', 'attachment', '', SUM(MAX(a.size, 1)),
    MIN(e.received), MAX(e.received)
  FROM attachments a JOIN envelopes e ON e.id = a.envelope_id
  GROUP BY a.project_id, hour
  ON CONFLICT (hour, project_id, outcome, category, reason) DO UPDATE SET quantity = MAX(quantity, excluded.quantity),
    first_ms = MIN(first_ms, excluded.first_ms), last_ms = MAX(last_ms, excluded.last_ms);
`;
