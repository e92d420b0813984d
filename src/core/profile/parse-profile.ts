import type { ProfileFrameInfo, ProfileProblem } from '../../shared/api-profile';
import { toEpochMs } from '../ingest/timestamps';
import { frameInfo } from './frame-label';

/** One sample as read: when (ms), which stack of its profile, which thread. */
export interface ParsedSample { t: number; stack: number; thread: string }

/**
 * A `profile` (v1) or `profile_chunk` (v2) payload narrowed from untrusted JSON. `stacks` stay as
 * sent: frame indices **leaf first** ("Frames in a stack should be ordered from leaf to root. It
 * means your main frame should be at the end of the list."), an index past `frames` already
 * dropped.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v1/#profile-data
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#profile-data
 */
export interface ParsedProfile {
  version: 1 | 2;
  platform: string | null;
  release: string | null;
  environment: string | null;
  profilerId: string | null;
  chunkId: string | null;
  transactionName: string | null;
  transactionId: string | null;
  traceId: string | null;
  activeThreadId: string | null;
  frames: ProfileFrameInfo[];
  /** The frames as sent, beside `frames`: source maps read their `abs_path`, `lineno` and `colno`. */
  rawFrames: readonly unknown[];
  /** `debug_meta.images` as sent (the SDK names each JS bundle's debug id there). */
  debugImages: readonly unknown[];
  stacks: number[][];
  samples: ParsedSample[];
  /** Samples the payload holds (more than `samples` when the cap cut them). */
  samplesSent: number;
  threadNames: Map<string, string>;
  problems: ProfileProblem[];
}

export type ParseResult = { ok: true; profile: ParsedProfile } | { ok: false; problem: ProfileProblem };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v.slice(0, 500) : null);
const threadId = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 100) : typeof v === 'number' ? String(v) : null);

/** JSON text (a stored payload) or an already parsed value; a payload cut short is `not_json`, never a throw. */
function toJson(input: unknown): { ok: true; value: unknown } | { ok: false; problem: ProfileProblem } {
  if (!(input instanceof Uint8Array) && typeof input !== 'string') return { ok: true, value: input };
  const raw = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (err) {
    return { ok: false, problem: { code: 'not_json', message: `the payload (${raw.length.toLocaleString('en')} characters) is not JSON, `
      + `perhaps cut short: ${(err as Error).message.slice(0, 200)}` } };
  }
}

/** A v2 time past this (seconds since 1970; year 5138) or before 1970 is no clock's: the sample is left out. */
const MAX_V2_SECONDS = 1e11;
/** A v1 profile lasts seconds; a sample over a day from its start is not one. */
const MAX_V1_NS = 86_400e9;

/**
 * v1 samples count from the profile's `timestamp` in ns (a string per spec, a number from some
 * SDKs); v2 samples carry seconds since 1970. Out-of-range times are left out: one `1e308` made
 * a thread's times Infinity (null in JSON).
 */
function sampleTime(s: Obj, version: 1 | 2, baseMs: number): number | null {
  if (version === 2) {
    const t = s.timestamp;
    return typeof t === 'number' && Number.isFinite(t) && t >= 0 && t < MAX_V2_SECONDS ? t * 1000 : null;
  }
  const ns = typeof s.elapsed_since_start_ns === 'string' ? Number(s.elapsed_since_start_ns) : s.elapsed_since_start_ns;
  return typeof ns === 'number' && Number.isFinite(ns) && ns >= 0 && ns <= MAX_V1_NS ? baseMs + ns / 1e6 : null;
}

function versionOf(p: Obj, samples: unknown[]): 1 | 2 | null {
  if (p.version === '2' || p.version === 2) return 2;
  if (p.version === '1' || p.version === 1) return 1;
  const first = samples.find(isObj);
  if (first && 'timestamp' in first) return 2;
  if (first && 'elapsed_since_start_ns' in first) return 1;
  return null;
}

function readStacks(raw: unknown[], frameCount: number, problems: ProfileProblem[]): number[][] {
  let bad = 0;
  const stacks = raw.map((s) => {
    if (!Array.isArray(s)) { bad++; return []; }
    const ok = s.filter((i): i is number => Number.isInteger(i) && (i as number) >= 0 && (i as number) < frameCount);
    if (ok.length !== s.length) bad++;
    return ok;
  });
  if (bad > 0) problems.push({ code: 'bad_stacks', message: `${bad} of ${raw.length} stacks name frames that do not exist; those frames are left out` });
  return stacks;
}

function transactionOf(p: Obj): Obj {
  if (isObj(p.transaction)) return p.transaction;
  const list = Array.isArray(p.transactions) ? p.transactions : [];
  return list.find(isObj) ?? {};
}

/**
 * Reads one stored profile payload, taking at most `maxSamples` samples. Unusable input (not
 * JSON, no `profile.samples/stacks/frames`, Android's method-trace format) is an error object;
 * bad parts (a sample naming a missing stack, a stack naming a missing frame) are dropped and
 * said in `problems`.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/
 */
export function parseProfile(input: unknown, maxSamples: number): ParseResult {
  const json = toJson(input);
  if (!json.ok) return json;
  if (!isObj(json.value)) return { ok: false, problem: { code: 'not_a_profile', message: 'the payload is not a JSON object' } };
  const p = json.value;
  if (!isObj(p.profile)) {
    const android = 'sampled_profile' in p || 'android_api_level' in p;
    return { ok: false, problem: android
      ? { code: 'unsupported_format', message: "Android's method-trace profile format is not read; only sample formats v1 and v2 are" }
      : { code: 'not_a_profile', message: 'the payload has no `profile` object' } };
  }
  const body = p.profile;
  const rawSamples = Array.isArray(body.samples) ? body.samples : null;
  const rawStacks = Array.isArray(body.stacks) ? body.stacks : null;
  const rawFrames = Array.isArray(body.frames) ? body.frames : null;
  if (!rawSamples || !rawStacks || !rawFrames) {
    return { ok: false, problem: { code: 'not_a_profile', message: 'the profile lacks one of `samples`, `stacks`, `frames` (lists)' } };
  }
  const version = versionOf(p, rawSamples);
  if (version === null) return { ok: false, problem: { code: 'unsupported_format', message: 'neither sample format v1 nor v2' } };
  const problems: ProfileProblem[] = [];
  const frames = rawFrames.map(frameInfo);
  const stacks = readStacks(rawStacks, frames.length, problems);
  const baseMs = version === 1 ? toEpochMs(p.timestamp) ?? 0 : 0;
  const samples: ParsedSample[] = [];
  let bad = 0;
  for (const s of rawSamples) {
    if (samples.length >= maxSamples) break;
    const t = isObj(s) ? sampleTime(s, version, baseMs) : null;
    const stack = isObj(s) ? s.stack_id : null;
    const thread = isObj(s) ? threadId(s.thread_id) : null;
    if (t === null || thread === null || !Number.isInteger(stack) || (stack as number) < 0 || (stack as number) >= stacks.length) { bad++; continue; }
    samples.push({ t, stack: stack as number, thread });
  }
  if (bad > 0) problems.push({ code: 'bad_samples', message: `${bad} samples lack a time, a thread or a valid stack_id and are left out` });
  const threadNames = new Map<string, string>();
  if (isObj(body.thread_metadata)) {
    for (const [id, meta] of Object.entries(body.thread_metadata)) {
      const name = isObj(meta) ? text(meta.name) : null;
      if (name) threadNames.set(id.slice(0, 100), name);
    }
  }
  const tx = transactionOf(p);
  const images = isObj(p.debug_meta) && Array.isArray(p.debug_meta.images) ? p.debug_meta.images : [];
  return { ok: true, profile: {
    version, platform: text(p.platform), release: text(p.release), environment: text(p.environment),
    profilerId: text(p.profiler_id), chunkId: text(p.chunk_id), transactionName: text(tx.name), transactionId: text(tx.id),
    traceId: text(tx.trace_id), activeThreadId: threadId(tx.active_thread_id), frames, rawFrames, debugImages: images, stacks, samples,
    samplesSent: rawSamples.length, threadNames, problems,
  } };
}
