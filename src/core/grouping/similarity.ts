import type { SentryEvent, SentryException, SentryFrame } from '../../shared/sentry';
import { normalizeMessage } from './parameterize';

/**
 * What two issues are compared on, as Sentry's similar-issues features were: the exception's
 * type, its message with values taken out, and the frames of its stack trace.
 * @see https://docs.sentry.io/product/issues/issue-details/#similar-issues
 */
export interface SimilarityFeatures {
  type: string | null;
  /** Words of the parameterised message (`<int>` for a number: "order 42" and "order 7" read alike). */
  words: Set<string>;
  /** The app's frames (all frames when none is the app's), as `function|module or file name`. */
  frames: Set<string>;
}

/** How alike two issues are, each part 0-1, null where neither has it. */
export interface SimilarityScore {
  score: number;
  stack: number | null;
  message: number | null;
  sameType: boolean | null;
}

// The stack says most about where an error comes from; a message alone is weaker evidence.
const WEIGHTS = { stack: 0.6, message: 0.25, type: 0.15 };
const MAX_FRAMES = 250;
const MAX_WORDS = 200;

function mainException(event: SentryEvent): SentryException | undefined {
  const values = Array.isArray(event.exception?.values) ? event.exception.values : [];
  // The last is the one raised (the others its causes), as Sentry shows it first.
  return values.at(-1);
}

function frameKey(f: SentryFrame): string | null {
  // A nameless frame, or a minified name (`e`, `t`) in a bundle, says nothing: every error of the bundle has some.
  const fn = typeof f.function === 'string' && f.function !== '?' && f.function.length > 2 ? f.function : null;
  if (fn === null) return null;
  const file = typeof f.filename === 'string' ? f.filename : typeof f.abs_path === 'string' ? f.abs_path : null;
  const where = typeof f.module === 'string' ? f.module : file?.split(/[\\/]/).pop()?.split('?')[0] ?? null;
  return `${fn}|${where ?? ''}`;
}

/** The features of an event (an issue is compared by its latest event). */
export function similarityFeatures(event: SentryEvent): SimilarityFeatures {
  const ex = mainException(event);
  const all = (Array.isArray(ex?.stacktrace?.frames) ? ex.stacktrace.frames : []).filter((f): f is SentryFrame => typeof f === 'object' && f !== null);
  const app = all.filter((f) => f.in_app === true);
  const frames = new Set((app.length > 0 ? app : all).slice(-MAX_FRAMES).map(frameKey).filter((k): k is string => k !== null));
  const logentry = event.logentry as { formatted?: unknown; message?: unknown } | undefined;
  const text = [ex?.value, logentry?.formatted, logentry?.message, event.message].find((t): t is string => typeof t === 'string' && t !== '') ?? '';
  const words = new Set(normalizeMessage(text).toLowerCase().split(/[^\p{L}\p{N}<>_]+/u).filter((w) => w.length > 1).slice(0, MAX_WORDS));
  return { type: typeof ex?.type === 'string' && ex.type !== '' ? ex.type : null, words, frames };
}

function jaccard(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 && b.size === 0) return null;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

/** Scores two issues' features; the parts neither has are left out of the weighted score. */
export function similarity(a: SimilarityFeatures, b: SimilarityFeatures): SimilarityScore {
  const stack = jaccard(a.frames, b.frames);
  const message = jaccard(a.words, b.words);
  const sameType = a.type === null && b.type === null ? null : a.type === b.type;
  // Without a stack the type says little ("TypeError: Failed to fetch" / "…: Load failed"): the message decides.
  const typeWeight = stack === null ? 0 : WEIGHTS.type;
  const parts: [number | null, number][] = [[stack, WEIGHTS.stack], [message, WEIGHTS.message], [sameType === null ? null : Number(sameType), typeWeight]];
  let sum = 0;
  let weight = 0;
  for (const [value, w] of parts) if (value !== null) { sum += value * w; weight += w; }
  return { score: weight === 0 ? 0 : sum / weight, stack, message, sameType };
}
