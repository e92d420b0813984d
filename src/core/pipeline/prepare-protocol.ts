import type { RootsSnapshot } from '../symbolicate/project-roots';
import type { DictionaryHint } from '../store/body-dictionary-encode';
import type { PreparedPlan, RequestInput, RequestOutcome } from './prepare-request';

/** Main thread → prepare worker. Messages are handled in order, so new roots apply to later jobs. */
export type WorkerRequest =
  | { type: 'roots'; roots: RootsSnapshot }
  | { type: 'dictionary'; hint: DictionaryHint }
  | { type: 'job'; id: number; input: RequestInput };

/** Prepare worker → main thread. */
export type WorkerReply =
  | { ready: true }
  | { id: number; outcome: RequestOutcome }
  | { id: number; error: string };

/**
 * Bodies from this size on are compressed for the store on the worker as well (see `packedBody`):
 * the main thread's share of them is then a copy each way and the write.
 */
export const LARGE_BODY = 1024 * 1024;

const asBuffer = (v: unknown): unknown =>
  v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;

/**
 * Buffers arrive from another thread as plain Uint8Arrays (structured clone); the store binds
 * only Buffers as BLOBs, so every byte field of a plan becomes a Buffer again (no copy).
 */
export function reviveBuffers(plan: PreparedPlan): PreparedPlan {
  for (const item of plan.items) {
    if (item.type === 'event') item.storedPayload = asBuffer(item.storedPayload) as Buffer | null;
    else for (const row of item.rows) for (const key of Object.keys(row)) row[key] = asBuffer(row[key]);
  }
  for (const segment of plan.replay?.segments ?? []) segment.data = asBuffer(segment.data) as Buffer;
  for (const segment of plan.segments ?? []) if (segment.payload) segment.payload.data = asBuffer(segment.payload.data) as Buffer;
  if (plan.deflatedBody) plan.deflatedBody.data = asBuffer(plan.deflatedBody.data) as Buffer;
  if (plan.packedBody?.data) plan.packedBody.data = asBuffer(plan.packedBody.data) as Buffer;
  return plan;
}
