/**
 * Project names read from what their events say (`store/project-naming.ts`) and kept apart from a
 * name the user chose: `name_source` says where `name` came from (`placeholder` = `project-N`,
 * `platform`, `release`, `user`), so a later event may improve a made-up name but never a chosen
 * one. `platform` is the app's platform, for the badge beside the name. Projects stored before get
 * theirs from their first events (`after` step).
 */
export const sql = `
ALTER TABLE projects ADD COLUMN name_source TEXT NOT NULL DEFAULT 'placeholder';
ALTER TABLE projects ADD COLUMN platform TEXT;
`;
