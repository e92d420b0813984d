/**
 * The issue search's free text as Sentry reads it: one term, matched as a substring (`*failure 12*`) of
 * the issue's message, title and culprit, not a word-by-word search of everything its events carried.
 * `issues_fts` becomes a trigram index of that text alone: a phrase of three characters or more is a
 * substring query the index answers (case and accents folded); tag values, which it used to hold too,
 * are reached with `key:value`. Filled here from the issues' own columns (their title, culprit, and the
 * main exception's value or the message kept in `metadata`, unless the title holds it, as Sentry's `search_message`).
 * @see https://docs.sentry.io/concepts/search/#free-text-search
 * @see https://www.sqlite.org/fts5.html#the_trigram_tokenizer
 */
export const sql = `
DROP TABLE issues_fts;
CREATE VIRTUAL TABLE issues_fts USING fts5(text, tokenize = 'trigram remove_diacritics 1');
INSERT INTO issues_fts (rowid, text)
  SELECT id, title || ' ' || COALESCE(culprit, '') || CASE WHEN message IS NULL OR instr(title, message) > 0 THEN '' ELSE ' ' || message END
  FROM (SELECT id, title, culprit, COALESCE(json_extract(metadata, '$.message'), json_extract(metadata, '$.value')) AS message FROM issues);
`;
