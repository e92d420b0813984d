/**
 * Every identifying field seen for each user key (`email:ada@example.com` for `id:42`), so the
 * issue search's `user.email:` / `user.username:` / `user.ip:` find a user whose key is its id.
 * Issues reach it through `issue_users`, which a regroup keeps right, hence the index by key.
 * Stores from before know each user by its key only.
 */
export const sql = `
CREATE TABLE user_fields (
  value TEXT NOT NULL,
  user_key TEXT NOT NULL,
  PRIMARY KEY (value, user_key)
) WITHOUT ROWID;
INSERT OR IGNORE INTO user_fields (value, user_key) SELECT user_key, user_key FROM issue_users;
CREATE INDEX issue_users_key ON issue_users(user_key);
`;
