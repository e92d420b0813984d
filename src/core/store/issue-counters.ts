import type { DB } from './db';
import { multiRowInsert } from './multi-row-insert';

const HOUR = 3_600_000;
/** Labels stop being added to an issue's search text past this length (it is rewritten per append). */
const MAX_FTS_CHARS = 4000;
const MAX_REMEMBERED_TAGS = 50_000;
/** Longest piece of new labels appended to the search text at once. */
const APPEND_CHARS = 2000;

type Tags = readonly (readonly [string, string])[];

/**
 * One issue's counts gathered since the last flush, each event's as it came: most issues get one
 * event per transaction, so they are summed only at the flush, and only when there are several
 * (per-event keys and maps were a tenth of what the ingest's main thread allocated).
 */
interface Counts {
  tagLists: Tags[];
  hours: number[];
  users: string[];
  /** Titles new to the issue: it is relabelled by its newest event, and stays findable by each label. */
  titles: Set<string> | null;
}

/** Each (key, value) of `lists` with how many times it came, in order of first appearance. */
function sumTags(lists: readonly Tags[]): Iterable<{ key: string; value: string; n: number }> {
  const summed = new Map<string, { key: string; value: string; n: number }>();
  for (const tags of lists) {
    for (const [key, value] of tags) {
      const id = `${key}\u0000${value}`;
      const tag = summed.get(id);
      if (tag) tag.n++;
      else summed.set(id, { key, value, n: 1 });
    }
  }
  return summed.values();
}

/** How many times each value of `list` came, in order of first appearance. */
function tally<T>(list: readonly T[]): Map<T, number> {
  const counted = new Map<T, number>();
  for (const v of list) counted.set(v, (counted.get(v) ?? 0) + 1);
  return counted;
}

/**
 * An issue's per-tag, per-hour and per-user counts. Events are added one by one and written on
 * `flush`, so an issue that gets many events in one transaction (an app in an error loop) has
 * each of its rows written once, not once per event. Titles and culprits new to an issue go into its
 * search text, as they did when each event was written at once.
 */
export function issueCounters(db: DB) {
  // Every issue's rows of one flush go in a few multi-row statements (multi-row-insert.ts): an 8 KB
  // error's 12 tags were 12 statements per event, now under one.
  const bumpTags = multiRowInsert(db, 'INSERT INTO issue_tags (issue_id, key, value, count)', 4,
    'ON CONFLICT(issue_id, key, value) DO UPDATE SET count = count + excluded.count');
  const addHours = multiRowInsert(db, 'INSERT INTO issue_hourly (issue_id, hour, count)', 3,
    'ON CONFLICT(issue_id, hour) DO UPDATE SET count = count + excluded.count');
  // RETURNING names only the rows inserted, not those ignored: the users new to each issue.
  const addUsers = multiRowInsert(db, 'INSERT OR IGNORE INTO issue_users (issue_id, user_key)', 2, 'RETURNING issue_id');
  const countUsers = db.prepare('UPDATE issues SET users = users + ? WHERE id = ?');
  const addUserField = db.prepare('INSERT OR IGNORE INTO user_fields (value, user_key) VALUES (?, ?)');
  const ftsAppend = db.prepare(`UPDATE issues_fts SET text = text || ' ' || ? WHERE rowid = ? AND length(text) < ${MAX_FTS_CHARS}`);
  const pending = new Map<number, Counts>();
  /** Titles and culprits each issue's search text holds, by issue. */
  const knownLabels = new Map<number, Set<string>>();
  let knownLabelCount = 0;
  const fullSearchText = new Set<number>();
  /** `field:value\0user key` pairs written (or found) since the last `forget`. */
  const knownUserFields = new Set<string>();
  let newUserFields: [string, string][] = [];

  // In pieces of at most APPEND_CHARS, the length checked before each, as when every event
  // appended its own new values: a commit's worth of new values is not cut to one piece.
  function appendSearchText(issueId: number, values: string[]): void {
    let piece = '';
    for (let i = 0; i <= values.length && !fullSearchText.has(issueId); i++) {
      const value = values[i];
      if (value !== undefined && piece.length + value.length < APPEND_CHARS) { piece = piece ? `${piece} ${value}` : value; continue; }
      if (piece && ftsAppend.run(piece, issueId).changes === 0) fullSearchText.add(issueId);
      piece = value?.slice(0, APPEND_CHARS) ?? '';
    }
  }

  /** A title or culprit new to the issue goes into its search text (once per issue and value). */
  function addLabel(issueId: number, counts: Counts, label: string, created: boolean): void {
    let known = knownLabels.get(issueId);
    if (!known) knownLabels.set(issueId, (known = new Set()));
    if (known.has(label)) return;
    if (!created) (counts.titles ??= new Set()).add(label);
    known.add(label);
    knownLabelCount++;
  }

  /** Adds the rows of one issue's counts to those of the flush (`users`, `tags`, `hours`: values by row). */
  function gatherIssue(issueId: number, counts: Counts, rows: { users: unknown[]; tags: unknown[]; hours: unknown[] }): void {
    for (const user of counts.users.length > 1 ? new Set(counts.users) : counts.users) rows.users.push(issueId, user);
    // One event's list goes as it is: a pair it repeats is summed by the upsert, as separate statements summed it.
    if (counts.tagLists.length === 1) for (const [key, value] of counts.tagLists[0]!) rows.tags.push(issueId, key, value, 1);
    else for (const { key, value, n } of sumTags(counts.tagLists)) rows.tags.push(issueId, key, value, n);
    // Tag values stay out of the search text: Sentry's free text is the message, title and culprit
    // (migration 032); tags are searched as `key:value`.
    if (counts.titles) appendSearchText(issueId, [...counts.titles]);
    if (counts.hours.length === 1) rows.hours.push(issueId, counts.hours[0], 1);
    else for (const [hour, n] of tally(counts.hours)) rows.hours.push(issueId, hour, n);
  }

  function writeUsers(users: readonly unknown[]): void {
    const added = addUsers.all(users) as { issue_id: number }[];
    if (added.length === 0) return;
    for (const [issueId, n] of tally(added.map((r) => r.issue_id))) countUsers.run(n, issueId);
  }

  return {
    /**
     * Counts one event of `issueId`; nothing is written before `flush`. Its title and culprit go
     * into the search text if the issue never had them (`created`: the issue was made with them).
     */
    add(issueId: number, ev: { tags: readonly (readonly [string, string])[]; timestamp: number; userKey: string | null;
      userFields: readonly string[]; title: string; culprit?: string | null },
      created = false): void {
      let counts = pending.get(issueId);
      if (!counts) pending.set(issueId, (counts = { tagLists: [], hours: [], users: [], titles: null }));
      // A new issue's search text starts with its title and culprit already; a later event's
      // label (the issue shows its newest) is searchable too.
      addLabel(issueId, counts, ev.title, created);
      if (ev.culprit) addLabel(issueId, counts, ev.culprit, created);
      counts.tagLists.push(ev.tags);
      counts.hours.push(Math.floor(ev.timestamp / HOUR));
      if (ev.userKey) {
        counts.users.push(ev.userKey);
        for (const field of ev.userFields) {
          const id = `${field}\u0000${ev.userKey}`;
          if (!knownUserFields.has(id)) { knownUserFields.add(id); newUserFields.push([field, ev.userKey]); }
        }
      }
    },
    /** Writes everything added since the last flush (inside the caller's transaction). */
    flush(): void {
      const rows = { users: [] as unknown[], tags: [] as unknown[], hours: [] as unknown[] };
      for (const [issueId, counts] of pending) gatherIssue(issueId, counts, rows);
      pending.clear();
      writeUsers(rows.users);
      bumpTags.run(rows.tags);
      addHours.run(rows.hours);
      for (const [field, key] of newUserFields) addUserField.run(field, key);
      newUserFields = [];
    },
    /** Drops what was added but not written: its transaction rolled back. */
    discard(): void {
      pending.clear();
      for (const [field, key] of newUserFields) knownUserFields.delete(`${field}\u0000${key}`);
      newUserFields = [];
    },
    /** Drops what was learnt about stored tags (after a rollback or a regroup, or when it grew too large). */
    forget(): void {
      knownLabels.clear();
      knownLabelCount = 0;
      fullSearchText.clear();
      knownUserFields.clear();
    },
    /** True when the memory of counted tags has grown past its bound and should be forgotten. */
    get full(): boolean { return knownLabelCount + knownUserFields.size >= MAX_REMEMBERED_TAGS; },
  };
}
