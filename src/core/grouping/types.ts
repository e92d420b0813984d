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

export type VariantName = 'app' | 'system' | 'custom-fingerprint' | 'salted' | 'fallback';

export interface GroupingVariant {
  name: VariantName;
  hash: string | null;
  contributes: boolean;
  explanation: ExplanationNode;
}

export interface GroupingResult {
  config: string;
  /** Distinct non-null contributing hashes, the preferred one (app, else system / fingerprint) first. */
  hashes: string[];
  variants: GroupingVariant[];
}

export interface EventTitle {
  title: string;
  culprit: string | null;
  type: 'error' | 'default' | 'csp';
  metadata: { type?: string; value?: string; function?: string; filename?: string; message?: string };
}
