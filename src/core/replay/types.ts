/**
 * Shapes shared by the replay decoders.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/replay-recording/
 */

/** One rrweb event as recorded: 0 DomContentLoaded, 1 Load, 2 FullSnapshot, 3 Incremental, 4 Meta, 5 Custom, 6 Plugin. */
export interface RrwebEvent {
  type: number;
  timestamp: number;
  data?: unknown;
  [k: string]: unknown;
}

export type DecodedSegment =
  | {
      ok: true;
      events: RrwebEvent[];
      /** Number of usable rrweb events (length of `events`). */
      count: number;
      /** Earliest and latest event time in epoch ms, after seconds→ms normalisation. */
      startMs: number | null;
      endMs: number | null;
      /** Array entries that were not rrweb events (no numeric type/timestamp) and were left out. */
      dropped: number;
    }
  | { ok: false; error: string };

export interface ReplayMarker {
  timestamp: number;
  kind: 'error' | 'click' | 'navigation' | 'console' | 'network' | 'input' | 'feedback' | 'vital' | 'other';
  label: string;
  /** Feedback markers: the feedback event the SDK's `sentry.feedback` breadcrumb names. */
  feedbackEventId?: string;
  /** Click markers Sentry counts as a dead click (and, from five clicks, also a rage click). */
  frustration?: 'dead' | 'rage';
}
