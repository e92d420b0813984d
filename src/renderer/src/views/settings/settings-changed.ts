import type { Settings } from '../../../../shared/api-types';

/**
 * Whether the form holds an edit the server does not have yet: only the fields the form edits
 * count (the data dir, overrides and detected editor are read-only). An emptied editor command
 * and a missing one mean the same, as do no source folders and an empty list (and no fetch
 * settings and the default: on, no hosts).
 */
export function settingsChanged(saved: Settings, draft: Settings): boolean {
  const editable = (s: Settings) => JSON.stringify([
    s.port, s.retention.maxEvents, s.retention.maxAgeDays, s.retention.maxBytes,
    s.editor.id, s.editor.command || null, s.sourceRoots ?? [],
    s.sourceFetch?.enabled !== false, s.sourceFetch?.hosts ?? [],
  ]);
  return editable(saved) !== editable(draft);
}
