/** Shapes of the typed client's calls (client.ts). */
import type { IssueStatus, StreamMessage } from '../../../shared/api-types';

export type ReportFormat = 'md' | 'html' | 'json';

/** The scrub rules the report API switches per export (`keys`, `headers`, … query flags). */
export type ScrubRule = 'keys' | 'headers' | 'creditCards' | 'ips' | 'emails';

/** Options of `GET /issues/:id/report`; omitted ones take the server's defaults. */
export interface ReportQuery {
  /** JSON bundle: how many of the latest events to include (1–1000). */
  events?: number;
  scrub?: boolean;
  replay?: boolean;
  rules?: Partial<Record<ScrubRule, boolean>>;
  /** Markdown only: wrap each filtered spot in the preview markers (U+E000 rule U+E001 [Filtered] U+E002). */
  mark?: boolean;
  /** Markdown only: trimmed to fit a GitHub issue body (65,536 characters) when longer. */
  fit?: boolean;
}

/** What `fit` trimmed of a Markdown report (the `x-lookout-report-fit` header): empty `trimmed` when it fit as it was. */
export interface ReportFit { fullLength: number; trimmed: string[] }

export interface StatusChange {
  status: IssueStatus;
  /** Only with `ignored`: re-open after this many more events. */
  ignoreUntilCount?: number;
}

export interface StreamHandlers {
  onMessage: (message: StreamMessage) => void;
  /** `true` when (re)connected, `false` while the browser is retrying. */
  onConnection?: (open: boolean) => void;
}
