import type { ProfileProblem, ProfileResponse, ProfileSource } from '../../shared/api-profile';
import type { AggregateOptions } from './aggregate';
import { aggregateParsed, parsePayloads, summarize, type ProfileFilter, type ProfilePayload, type ProfileSummary } from './index';
import { symbolicateProfiles } from './symbolicate-profile';

export type ProfileJobOptions = AggregateOptions & {
  maxSamples?: number; filter?: ProfileFilter;
  /** Folders whose source maps resolve JS profile frames (the profile's project's, as its errors use); none: frames as sent. */
  sourceRoots?: string[];
};

/** What the answer says besides the aggregate: where it came from, and problems found before reading. */
export interface AnswerFrame {
  kind: ProfileSource['kind'];
  itemSeqs: number[];
  /** The time the chunks were cut to (a transaction's or a trace's). */
  window?: { startMs: number; endMs: number };
  traceId?: string;
  /** Problems found after the aggregate's own (say, more chunks than were read). */
  laterProblems?: ProfileProblem[];
}

/** A profile answer as the bytes of its JSON, with what the read API decides on without parsing it. */
export interface ProfileJson { json: Buffer; threadCount: number; unreadable: boolean }

function sourceOf(frame: AnswerFrame, parsed: readonly ProfileSummary[]): ProfileSource {
  const first = parsed[0];
  return {
    kind: frame.kind, platform: first?.platform ?? null, release: first?.release ?? null, environment: first?.environment ?? null,
    transactionName: first?.transactionName ?? null, transactionId: first?.transactionId ?? null,
    traceId: frame.traceId ?? first?.traceId ?? null,
    profilerIds: [...new Set(parsed.flatMap((p) => (p.profilerId ? [p.profilerId] : [])))], itemSeqs: frame.itemSeqs,
    windowStartMs: frame.window?.startMs ?? null, windowEndMs: frame.window?.endMs ?? null,
  };
}

/**
 * Aggregates payloads into the read API's whole answer, serialised here: on the profile worker,
 * the main thread then only sends these bytes (taking a 12 MB answer across as an object and
 * serialising it there held the main thread ~105 ms). JS frames are source-mapped first
 * (`symbolicate-profile.ts`), so mapped frames of one function merge before weighing.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/
 */
export async function profileAnswer(payloads: readonly ProfilePayload[], readProblems: readonly ProfileProblem[],
  opts: ProfileJobOptions, frame: AnswerFrame): Promise<ProfileJson> {
  const read = parsePayloads(payloads, opts);
  const mapped = await symbolicateProfiles(read.parsed, opts.sourceRoots ?? []);
  const aggregate = aggregateParsed(read, opts);
  const response: ProfileResponse = {
    ...aggregate, problems: [...readProblems, ...aggregate.problems, ...mapped.problems, ...(frame.laterProblems ?? [])],
    source: sourceOf(frame, read.parsed.map(summarize)),
  };
  return { json: Buffer.from(JSON.stringify(response)), threadCount: response.threads.length, unreadable: readProblems.length > 0 };
}
