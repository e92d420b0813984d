/** Read API types, continued: see api-types.ts. */
// Settings (`GET/PUT /_lookout/api/settings`). Added by the renderer; the server implements it.
import type { SourceFetchSettings } from './fetch-hosts';

/**
 * Editors the "open in editor" action knows. `custom` uses `command` as a template; `jetbrains`
 * takes its launcher (`idea`, `webstorm`, …) in `command`; `env` runs $VISUAL/$EDITOR (or `command`).
 */
export type EditorId = 'auto' | 'vscode' | 'cursor' | 'jetbrains' | 'sublime' | 'zed' | 'custom' | 'env';

/** Whether the configured editor's program is installed (`program` is what would be started). */
export interface EditorStatus {
  available: boolean;
  program: string | null;
  /** Why it cannot start, and what to do about it. */
  reason?: string;
}

export interface RetentionSettings {
  /** Oldest events beyond this count are pruned. */
  maxEvents: number;
  maxAgeDays: number;
  maxBytes: number;
}

/** User settings. `port` takes effect on the next start. */
export interface Settings {
  /** The port Lookout listens on now (the server's answer); the form edits the next start's. */
  port: number;
  /** The port saved for the next start, when one was saved (read-only; a save sends `port`). */
  nextPort?: number | null;
  /**
   * The port a start without --port uses: the saved one, else 8969 (read-only). The form edits this,
   * never `port`: a `--port 0` server listens on a random port that apps' DSNs do not name.
   */
  configuredPort?: number;
  dataDir: string;
  retention: RetentionSettings;
  /** `command` is a template such as `code -g {file}:{line}:{column}` (custom editor only). */
  editor: { id: EditorId | string; command?: string };
  /** Local folders searched for source files and source maps. */
  sourceRoots?: string[];
  /** Fetching scripts, maps and original sources from their URLs: on/off, and hosts besides loopback. */
  sourceFetch?: SourceFetchSettings;
  /**
   * Limits given on the command line (`lookout serve --max-events` …): they are the ones in force,
   * over `retention`, until Lookout starts without them (read-only).
   */
  retentionOverrides?: Partial<RetentionSettings>;
  /**
   * Hosts given on the command line (`lookout serve --fetch-host`): fetched from as well as
   * `sourceFetch.hosts` while Lookout runs with them (read-only).
   */
  commandLineFetchHosts?: string[];
  /** What `auto` opens right now (read-only, from the server's environment); null: no editor is installed. */
  detectedEditor?: { id: string; command?: string } | null;
  /** Whether the chosen editor can start now (read-only): frames offer "open" only when it can. */
  editorStatus?: EditorStatus;
}
