/**
 * Public result shapes of the grouping module (re-exported by `index.ts`).
 * @see https://develop.sentry.dev/backend/grouping/
 */

/** One node of a grouping explanation: which component contributed, which was ignored and why. */
export interface ExplanationNode {
  id: string;
  contributes: boolean;
  hint?: string;
  values?: string[];
  children?: ExplanationNode[];
}

/** Sentry's variant keys; salted (hybrid fingerprint) hashes are reported under `app`/`system`. */
export type VariantName = 'app' | 'system' | 'custom-fingerprint' | 'built-in-fingerprint' | 'salted' | 'fallback';

/** One way of hashing the event; only contributing variants have a hash. */
export interface GroupingVariant {
  name: VariantName;
  hash: string | null;
  contributes: boolean;
  explanation: ExplanationNode;
}

/** What grouping stores per event: the config used, the hashes to match issues on, and why. */
export interface GroupingResult {
  config: string;
  /** Distinct non-null contributing hashes, the preferred one (app, else system / fingerprint) first. */
  hashes: string[];
  variants: GroupingVariant[];
}

/** How the event and its issue are labelled. */
export interface EventTitle {
  title: string;
  culprit: string | null;
  type: 'error' | 'default' | 'csp' | 'transaction' | 'cron';
  metadata: { type?: string; value?: string; function?: string; filename?: string; message?: string;
    /**
     * The main exception's type when Sentry leaves `type` out (a synthetic exception, such as sentry-native's
     * `SIGSEGV`), so `error.type:` and the free text still find it.
     */
    exceptionType?: string;
    /** A performance issue's Sentry group type slug (`performance_n_plus_one_db_queries`…). */
    issueType?: string };
}
