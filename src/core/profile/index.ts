/**
 * Profiles (Node only): stored `profile` / `profile_chunk` payloads to an aggregated call tree
 * and slowest functions per thread. `parse-profile.ts` narrows the JSON, `aggregate.ts` merges
 * payloads and weighs samples (`weights.ts`), `call-tree.ts` and `functions.ts` build the views.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/
 */
import { PROFILE_MAX_SAMPLES, type ProfileAggregate, type ProfileProblem } from '../../shared/api-profile';
import { aggregateProfiles, type AggregateOptions } from './aggregate';
import { parseProfile, type ParsedProfile } from './parse-profile';
import { normalizeEventId } from '../pipeline/normalize-event';

export { aggregateProfiles, parseProfile };
export type { AggregateOptions, ParsedProfile };

/** One payload to read: its bytes (or parsed JSON) and what to call it in a problem. */
export interface ProfilePayload { data: unknown; label: string }

/** Which parsed payloads count: a transaction's own profile, or chunks of these profilers (ids as 32 hex). */
export interface ProfileFilter { transactionId?: string; profilerIds?: string[] }

/** What the read API keeps of each parsed payload (the samples stay where they were aggregated). */
export type ProfileSummary = Pick<ParsedProfile, 'platform' | 'release' | 'environment' | 'transactionName' | 'transactionId' | 'traceId' | 'profilerId'>;

function accepts(filter: ProfileFilter, p: ParsedProfile): boolean {
  if (filter.transactionId !== undefined && p.transactionId !== null && normalizeEventId(p.transactionId) !== filter.transactionId) return false;
  if (filter.profilerIds !== undefined && !filter.profilerIds.includes(normalizeEventId(p.profilerId) ?? '')) return false;
  return true;
}

/** The fields of a parsed payload the answer names. */
export function summarize(p: ParsedProfile): ProfileSummary {
  return { platform: p.platform, release: p.release, environment: p.environment, transactionName: p.transactionName,
    transactionId: p.transactionId, traceId: p.traceId, profilerId: p.profilerId };
}

/**
 * Parses payloads in order, sharing one sample budget (`maxSamples`), and keeps those `filter`
 * takes (a transaction's own profile, chunks of the right profilers). A payload that cannot be
 * read adds a problem naming it; the others are still read.
 */
export function parsePayloads(payloads: readonly ProfilePayload[], opts: { maxSamples?: number; filter?: ProfileFilter } = {}): {
  parsed: ParsedProfile[]; problems: ProfileProblem[]; cap: number;
} {
  const cap = opts.maxSamples ?? PROFILE_MAX_SAMPLES;
  const parsed: ParsedProfile[] = [];
  const problems: ProfileProblem[] = [];
  let budget = cap;
  for (const payload of payloads) {
    const r = parseProfile(payload.data, Math.max(0, budget));
    if (!r.ok) { problems.push({ ...r.problem, message: `${payload.label}: ${r.problem.message}` }); continue; }
    if (opts.filter && !accepts(opts.filter, r.profile)) continue;
    budget -= r.profile.samples.length;
    parsed.push(r.profile);
  }
  return { parsed, problems, cap };
}

/** Parsed payloads ({@link parsePayloads}) aggregated, their problems first. */
export function aggregateParsed(read: ReturnType<typeof parsePayloads>, opts: AggregateOptions = {}): ProfileAggregate {
  const aggregate = aggregateProfiles(read.parsed, opts, read.cap);
  return { ...aggregate, problems: [...read.problems, ...aggregate.problems] };
}

/** {@link parsePayloads} then {@link aggregateParsed}, without source maps. */
export function profileFromPayloads(payloads: readonly ProfilePayload[], opts: AggregateOptions & {
  maxSamples?: number; filter?: ProfileFilter;
} = {}): { aggregate: ProfileAggregate; parsed: ParsedProfile[] } {
  const read = parsePayloads(payloads, opts);
  return { aggregate: aggregateParsed(read, opts), parsed: read.parsed };
}
