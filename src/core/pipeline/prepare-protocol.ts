import type { RootsSnapshot } from '../symbolicate/project-roots';
import type { DictionaryHint } from '../store/body-dictionary-encode';
import type { PreparedPlan, RequestInput, RequestOutcome } from './prepare-request';
import { BodyError, gunzipSmall } from '../ingest/decompress';

/**
 * A request for the pool. With `gzip`, `body` is the gzip bytes as sent, inflated where the
 * request is prepared (capped at `maxBytes`): on the worker that takes the inflate, and the
 * stream object zlib builds for each call, off the main thread.
 */
export interface PoolInput extends RequestInput { gzip?: { maxBytes: number } }

/** A prepared request; `decodedBody` is the inflated body of a `gzip` input. */
export type PoolOutcome = RequestOutcome & { decodedBody?: Buffer };

/** A `gzip` input that inflates past what is inflated in one call: the caller streams it instead. */
export class BodyNeedsStreaming extends Error {
  override name = 'BodyNeedsStreaming';
}

/**
 * The body of `input` to prepare: a `gzip` one inflated as the ingest inflated it on its own
 * (`gunzipSmall`), throwing its {@link BodyError} or {@link BodyNeedsStreaming}.
 */
export function decodedBodyOf(input: PoolInput): Buffer {
  if (!input.gzip) return input.body;
  const body = gunzipSmall(input.body, input.gzip.maxBytes);
  if (!body) throw new BodyNeedsStreaming('gzip body inflates past the one-call limit');
  return body;
}

/** A decode failure as sent across threads, and back into the error it was. */
export type DecodeFailure = { bodyError: { status: BodyError['status']; message: string } } | { streamBody: true };

export function decodeFailureOf(err: unknown): DecodeFailure | null {
  if (err instanceof BodyNeedsStreaming) return { streamBody: true };
  return err instanceof BodyError ? { bodyError: { status: err.status, message: err.message } } : null;
}

export function errorOfFailure(failure: DecodeFailure): Error {
  return 'streamBody' in failure ? new BodyNeedsStreaming('gzip body inflates past the one-call limit')
    : new BodyError(failure.bodyError.message, failure.bodyError.status);
}

/** Main thread → prepare worker. Messages are handled in order, so new roots apply to later jobs. */
export type WorkerRequest =
  | { type: 'roots'; roots: RootsSnapshot }
  | { type: 'dictionary'; hint: DictionaryHint }
  | { type: 'job'; id: number; input: PoolInput };

/** Prepare worker → main thread. */
export type WorkerReply =
  | { ready: true }
  | { id: number; outcome: RequestOutcome; decodedBody?: Uint8Array }
  | ({ id: number } & DecodeFailure)
  | { id: number; error: string };

/**
 * Bodies from this size on are compressed for the store on the worker as well (see `packedBody`):
 * the main thread's share of them is then a copy each way and the write.
 */
export const LARGE_BODY = 1024 * 1024;

const asBuffer = (v: unknown): unknown =>
  v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;

/**
 * Bytes that are a view into a larger memory block (zlib's 16 KB output chunk, Node's 8 KB
 * Buffer pool) copied to a block of their own: a structured clone copies a view's whole block,
 * so a 100-byte deflated body crossed threads as 16 KB, and the main thread allocated that much.
 */
const exactBytes = (v: unknown): unknown =>
  v instanceof Uint8Array && (v.byteOffset !== 0 || v.byteLength !== v.buffer.byteLength) ? new Uint8Array(v) : v;

/** Rewrites every byte field of a plan with `rewrite`, in place. */
function eachBytes(plan: PreparedPlan, rewrite: (v: unknown) => unknown): PreparedPlan {
  for (const item of plan.items) {
    if (item.type === 'event') item.storedPayload = rewrite(item.storedPayload) as Buffer | null;
    else for (const row of item.rows) for (const key of Object.keys(row)) row[key] = rewrite(row[key]);
  }
  for (const segment of plan.replay?.segments ?? []) segment.data = rewrite(segment.data) as Buffer;
  for (const segment of plan.segments ?? []) if (segment.payload) segment.payload.data = rewrite(segment.payload.data) as Buffer;
  if (plan.deflatedBody) plan.deflatedBody.data = rewrite(plan.deflatedBody.data) as Buffer;
  if (plan.packedBody?.data) plan.packedBody.data = rewrite(plan.packedBody.data) as Buffer;
  return plan;
}

/**
 * Buffers arrive from another thread as plain Uint8Arrays (structured clone); the store binds
 * only Buffers as BLOBs, so every byte field of a plan becomes a Buffer again (no copy).
 */
export function reviveBuffers(plan: PreparedPlan): PreparedPlan {
  return eachBytes(plan, asBuffer);
}

/** Every byte field of a plan in memory of its own, so posting the plan copies only its bytes (see exactBytes). */
export function ownBuffers(plan: PreparedPlan): PreparedPlan {
  return eachBytes(plan, exactBytes);
}
