/**
 * The Profiles view's part of the read API: stored `profile` (sample format v1) and
 * `profile_chunk` (v2) items turned into an aggregated call tree per thread.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v1/
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/
 */

/** One distinct frame of the profile (the same function at the same place is one entry). */
export interface ProfileFrameInfo {
  /** `function`, else the instruction address, else `(anonymous)` (a file only) or `(unknown)`. */
  name: string;
  file: string | null;
  line: number | null;
  module: string | null;
  inApp: boolean | null;
  /** Set when a source map resolved the frame: the minified function, file and line the SDK sent. */
  minified?: { name: string; file: string | null; line: number | null };
}

/**
 * A call-tree node. Nodes come in depth-first pre-order, children heaviest first; node 0 is the
 * thread itself (`frame` -1, its self time is samples with an empty stack).
 */
export interface ProfileNode {
  frame: number;
  parent: number;
  depth: number;
  selfMs: number;
  totalMs: number;
  selfSamples: number;
  totalSamples: number;
}

/** A function's time on one thread; recursion counts a sample once in `totalMs`. */
export interface ProfileFunction {
  /** The first frame met of this function (name, file and module; its line is that frame's). */
  frame: number;
  selfMs: number;
  totalMs: number;
  selfSamples: number;
  totalSamples: number;
}

export interface ProfileThread {
  id: string;
  name: string | null;
  /** The thread the transaction ran on (v1 `active_thread_id`), or the busiest one. */
  active: boolean;
  sampleCount: number;
  /** Epoch ms of the first sample (ms since the profile's start when it has no timestamp). */
  startMs: number;
  durationMs: number;
  nodes: ProfileNode[];
  /** The slowest functions by self time, at most {@link PROFILE_MAX_FUNCTIONS}. */
  functions: ProfileFunction[];
  /** Paths past the node cap were folded into their deepest kept ancestor. */
  nodesTruncated: boolean;
}

export type ProfileProblemCode =
  | 'not_json' | 'not_a_profile' | 'unsupported_format' | 'bad_samples' | 'bad_stacks' | 'bad_frames'
  | 'deep_stacks' | 'samples_capped' | 'unreadable_item' | 'frames_capped';

/** Something wrong with the input: it is said, and what could be read is still shown. */
export interface ProfileProblem {
  code: ProfileProblemCode;
  message: string;
}

export interface ProfileAggregate {
  frames: ProfileFrameInfo[];
  threads: ProfileThread[];
  samplesTotal: number;
  samplesProcessed: number;
  /** More samples were sent than the cap: only the first {@link PROFILE_MAX_SAMPLES} (by input order) count. */
  samplesCapped: boolean;
  problems: ProfileProblem[];
}

export interface ProfileSource {
  kind: 'profile' | 'profile_chunk' | 'chunks';
  platform: string | null;
  release: string | null;
  environment: string | null;
  transactionName: string | null;
  transactionId: string | null;
  traceId: string | null;
  profilerIds: string[];
  /** Stored items read (`GET /items/:seq` shows one as sent). */
  itemSeqs: number[];
  /** For a trace's chunks: the spans' time range the samples were cut to (epoch ms). */
  windowStartMs: number | null;
  windowEndMs: number | null;
}

/** `GET /profiles/items/:seq`, `GET /profiles/events/:eventId` (a transaction's v1 profile, else its profiler's chunks in its time), `GET /traces/:id/profile`. */
export interface ProfileResponse extends ProfileAggregate {
  source: ProfileSource;
}

/** `GET /traces/:id/profiles`: what profiles a trace has, found without aggregating them. */
export interface TraceProfiles {
  transactions: { eventId: string; name: string; itemSeq: number }[];
  profilerIds: string[];
  /** Chunks of those profilers received in the trace's time window (at most the scan cap). */
  chunkCount: number;
}

/**
 * `GET /events/:id/profiles`: what a transaction's event page links to (`#/profiles/event/:id`),
 * found through indexes without reading a profile. Sentry's event page links the same two.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#modifying-transactions-payload
 */
export interface EventProfiles {
  /** Its v1 profile, in its envelope or sent apart (the first when several name it), or null. */
  profileItemSeq: number | null;
  /** The continuous profiler its `contexts.profile.profiler_id` names, or null. */
  profilerId: string | null;
  /** That profiler's chunks whose samples overlap the transaction's time (0 when it has a v1 profile). */
  chunkCount: number;
}

export const PROFILE_MAX_SAMPLES = 500_000;
export const PROFILE_MAX_FUNCTIONS = 300;
