/**
 * Spans are stored one row per (envelope item, trace) block instead of one row and two index
 * entries per span: a 50-span container spent a third of the main thread in inserts and stored
 * its span JSON uncompressed beside the compressed envelope. A block holds only a summary in
 * columns (count, time range, and its best root candidate, a parentless span else the earliest,
 * which is all the trace list reads); the spans themselves stay in the stored request
 * (`envelopes.body`) and are read again from item `item_index` when a trace is opened.
 *
 * Edited in place before any release (it never left the session that wrote it): the first
 * version also kept every block's spans compressed in `spans`, which doubled the span data on
 * disk and was the prepare worker's largest cost. `spans`/`codec` now hold only migrated spans.
 *
 * Existing spans move into blocks as raw JSON tuples in `spans` (`[span_id, parent_span_id, op,
 * name, status, start_ms, end_ms, data]`, in id order; codec 'raw', `item_index` NULL: their
 * items are not known); blocks are numbered in the order of their newest span, which the trace
 * list sorts by. `root_op` falls back to the `sentry.op` data entry (plain or typed
 * `{value, type}`) as the read API did for an op-less span.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
export const sql = `
CREATE TABLE span_blocks (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  item_index INTEGER,
  trace_id TEXT,
  transaction_event_id TEXT,
  span_count INTEGER NOT NULL,
  start_ms REAL,
  end_ms REAL,
  root_parentless INTEGER NOT NULL,
  root_span_id TEXT,
  root_op TEXT,
  root_name TEXT,
  root_start_ms REAL,
  spans BLOB,
  codec TEXT
);

INSERT INTO span_blocks (project_id, envelope_id, trace_id, transaction_event_id, span_count, start_ms, end_ms,
  root_parentless, root_span_id, root_op, root_name, root_start_ms, spans, codec)
SELECT project_id, envelope_id, trace_id, transaction_event_id, COUNT(*), MIN(start_ms), MAX(COALESCE(end_ms, start_ms)),
  MAX(CASE WHEN pick = 1 THEN parent_span_id IS NULL END),
  MAX(CASE WHEN pick = 1 THEN span_id END),
  MAX(CASE WHEN pick = 1 THEN COALESCE(op, data_op) END),
  MAX(CASE WHEN pick = 1 THEN name END),
  MAX(CASE WHEN pick = 1 THEN start_ms END),
  CAST(json_group_array(json_array(span_id, parent_span_id, op, name, status, start_ms, end_ms, data) ORDER BY id) AS BLOB),
  'raw'
FROM (
  SELECT *,
    ROW_NUMBER() OVER (PARTITION BY project_id, envelope_id, trace_id, transaction_event_id
      ORDER BY parent_span_id IS NOT NULL, start_ms, id) AS pick,
    CASE WHEN op IS NULL AND length(data) <= 65536 AND json_valid(data) THEN
      CASE
        WHEN json_type(data, '$."sentry.op"') = 'text' THEN nullif(json_extract(data, '$."sentry.op"'), '')
        WHEN json_type(data, '$."sentry.op".value') = 'text' AND json_type(data, '$."sentry.op".type') = 'text'
          THEN nullif(json_extract(data, '$."sentry.op".value'), '')
      END
    END AS data_op
  FROM spans
)
GROUP BY project_id, envelope_id, trace_id, transaction_event_id
ORDER BY MAX(id);

DROP TABLE spans;
CREATE INDEX span_blocks_trace ON span_blocks(trace_id);
CREATE INDEX span_blocks_envelope ON span_blocks(envelope_id);
`;
