/** Base schema: projects, raw envelopes, the item log, and one table per item type. */
export const sql = `
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  settings TEXT
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every request that reached an ingest route, accepted or rejected, with its raw bytes.
CREATE TABLE envelopes (
  id INTEGER PRIMARY KEY,
  received INTEGER NOT NULL,
  route TEXT NOT NULL,
  method TEXT NOT NULL,
  project_id INTEGER,
  client TEXT,
  sentry_key TEXT,
  outcome TEXT NOT NULL,
  status INTEGER NOT NULL,
  reason TEXT,
  size INTEGER NOT NULL,
  item_count INTEGER NOT NULL DEFAULT 0,
  headers TEXT NOT NULL,
  body BLOB,
  body_codec TEXT
);
CREATE INDEX envelopes_outcome ON envelopes(outcome, id);

-- One row per stored item: the order of arrival, the SSE id, the Stream view.
CREATE TABLE items (
  seq INTEGER PRIMARY KEY,
  envelope_id INTEGER NOT NULL,
  item_index INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  event_id TEXT,
  title TEXT NOT NULL,
  level TEXT,
  timestamp INTEGER NOT NULL,
  received INTEGER NOT NULL,
  issue_id INTEGER
);
CREATE INDEX items_envelope ON items(envelope_id);
CREATE INDEX items_kind ON items(kind, seq);

-- Errors, messages, transactions and feedback.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  envelope_id INTEGER NOT NULL,
  item_index INTEGER NOT NULL,
  issue_id INTEGER,
  timestamp INTEGER NOT NULL,
  received INTEGER NOT NULL,
  level TEXT,
  platform TEXT,
  release TEXT,
  environment TEXT,
  title TEXT NOT NULL,
  culprit TEXT,
  user_key TEXT,
  trace_id TEXT,
  replay_id TEXT,
  sdk TEXT,
  grouping_config TEXT,
  hashes TEXT,
  grouping BLOB,
  duplicates INTEGER NOT NULL DEFAULT 0,
  truncated INTEGER NOT NULL DEFAULT 0,
  -- NULL: the payload is the envelope item as sent; else the processed (symbolicated) payload.
  payload BLOB,
  payload_codec TEXT,
  UNIQUE (project_id, event_id)
);
CREATE INDEX events_issue ON events(issue_id, timestamp);
CREATE INDEX events_kind ON events(kind, id);
CREATE INDEX events_trace ON events(trace_id);
CREATE INDEX events_replay ON events(replay_id);

CREATE TABLE spans (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  trace_id TEXT,
  span_id TEXT,
  parent_span_id TEXT,
  transaction_event_id TEXT,
  op TEXT,
  name TEXT,
  status TEXT,
  start_ms REAL,
  end_ms REAL,
  data TEXT
);
CREATE INDEX spans_trace ON spans(trace_id);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  event_id TEXT,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  attachment_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  truncated INTEGER NOT NULL DEFAULT 0,
  data BLOB,
  data_codec TEXT
);
CREATE INDEX attachments_event ON attachments(event_id);

CREATE TABLE replays (
  replay_id TEXT PRIMARY KEY,
  project_id INTEGER NOT NULL,
  replay_type TEXT,
  start_ms INTEGER,
  end_ms INTEGER,
  urls TEXT NOT NULL DEFAULT '[]',
  trace_ids TEXT NOT NULL DEFAULT '[]',
  error_ids TEXT NOT NULL DEFAULT '[]',
  browser TEXT,
  os TEXT,
  sdk TEXT,
  user TEXT,
  environment TEXT,
  release TEXT,
  segment_count INTEGER NOT NULL DEFAULT 0,
  received INTEGER NOT NULL
);

CREATE TABLE replay_segments (
  id INTEGER PRIMARY KEY,
  replay_id TEXT NOT NULL,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  segment_id INTEGER,
  kind TEXT NOT NULL DEFAULT 'recording',
  event_count INTEGER,
  start_ms INTEGER,
  end_ms INTEGER,
  error TEXT,
  data BLOB NOT NULL,
  received INTEGER NOT NULL
);
CREATE INDEX replay_segments_replay ON replay_segments(replay_id, segment_id);

CREATE TABLE logs (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  timestamp REAL NOT NULL,
  trace_id TEXT,
  level TEXT,
  body TEXT,
  attributes TEXT
);
CREATE INDEX logs_time ON logs(timestamp);

CREATE TABLE check_ins (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  check_in_id TEXT,
  monitor_slug TEXT,
  status TEXT,
  duration REAL,
  environment TEXT,
  received INTEGER NOT NULL,
  payload TEXT NOT NULL
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  sid TEXT,
  status TEXT,
  release TEXT,
  environment TEXT,
  errors INTEGER,
  received INTEGER NOT NULL,
  payload TEXT NOT NULL
);

CREATE TABLE client_reports (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  received INTEGER NOT NULL,
  discarded TEXT NOT NULL
);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  event_id TEXT,
  associated_event_id TEXT,
  name TEXT,
  email TEXT,
  message TEXT,
  received INTEGER NOT NULL
);

-- Item types Lookout does not understand yet (profiles, metrics, new types): kept as sent.
CREATE TABLE other_items (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL,
  envelope_id INTEGER NOT NULL,
  item_type TEXT NOT NULL,
  headers TEXT NOT NULL,
  size INTEGER NOT NULL,
  received INTEGER NOT NULL
);
`;
