/**
 * Streamed segments (span v2 items, `traceLifecycle: 'stream'`, the default of the JavaScript SDKs
 * from v11): one row per envelope item and segment that item holds spans of, with whether the
 * segment's root (`is_segment`) is among them. An SDK sends a long or large segment's spans in
 * several envelopes (its span buffer flushes a trace after 5 s or 1,000 spans) and spans that end
 * after the root in a later one: these rows find every part of a segment by one index seek, so its
 * performance problems are detected on the whole segment (`store/segment-writer.ts`), and they
 * tell the trace view which segment an occurrence was found in. The spans stay in the stored
 * request, as for `span_blocks`.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/buffer.py
 */
export const sql = `
CREATE TABLE span_segments (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  item_index INTEGER NOT NULL,
  trace_id TEXT NOT NULL,
  segment_id TEXT NOT NULL,
  span_count INTEGER NOT NULL,
  has_root INTEGER NOT NULL
);
-- has_root in the key: the writer asks "a root stored? a part without one?" by one seek each, however often a segment was re-sent.
CREATE INDEX span_segments_segment ON span_segments(trace_id, segment_id, has_root);
CREATE INDEX span_segments_envelope ON span_segments(envelope_id, item_index);
`;
