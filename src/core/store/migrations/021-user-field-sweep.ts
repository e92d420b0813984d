/**
 * `user_fields` rows outlived every issue of their user: deleting an issue, a regroup or an unmerge
 * takes users off issues, and the user search reaches fields only through `issue_users`, so such
 * rows are never found again. A trigger notes each user key taken off an issue; retention settles
 * the noted keys in bounded batches (`user-field-sweep.ts`), deleting the fields of those no issue
 * lists any more. The index reaches a user's fields by key. Keys already left over are noted now.
 */
export const sql = `
CREATE INDEX user_fields_key ON user_fields(user_key);
CREATE TABLE user_keys_released (
  user_key TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TRIGGER issue_users_released AFTER DELETE ON issue_users BEGIN
  INSERT OR IGNORE INTO user_keys_released (user_key) VALUES (old.user_key);
END;
INSERT OR IGNORE INTO user_keys_released (user_key)
  SELECT DISTINCT user_key FROM user_fields f WHERE NOT EXISTS (SELECT 1 FROM issue_users u WHERE u.user_key = f.user_key);
`;
