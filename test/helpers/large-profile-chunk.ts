/**
 * A continuous-profiling chunk tens of MB long, scaled up from the corpus' sentry.cocoa
 * `profile_chunk` (sample format v2): its frames copied into many functions, stacks of a
 * realistic depth built from them, and its samples repeated every 10 ms over a few threads, all
 * fields as that SDK sends them.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeEnvelope } from '../../src/core/ingest/envelope';

const CORPUS_CHUNK = fileURLToPath(new URL('../../../shared/corpus/protocol/spotlight/profile_chunk_1.txt', import.meta.url));

interface CorpusFrame { function?: string; instruction_addr?: string; [key: string]: unknown }
interface CorpusChunk {
  chunk_id: string; profiler_id: string;
  profile: { samples: { timestamp: number; stack_id: number; thread_id: string }[]; stacks: number[][]; frames: CorpusFrame[]; thread_metadata?: Record<string, unknown> };
}

/** The corpus chunk's payload (line 3 of the fixture; its envelope header declares more bytes than it holds). */
export function corpusChunk(): CorpusChunk {
  return JSON.parse(readFileSync(CORPUS_CHUNK, 'utf8').split('\n')[2]!) as CorpusChunk;
}

export interface ScaledChunkOptions {
  /** Samples in all (500,000 is Lookout's cap and makes a ~29 MB payload). */
  samples: number;
  /** Distinguishes chunks of one profiler (its `chunk_id`). */
  chunkId?: string;
  profilerId?: string;
  /** Epoch seconds of the first sample. */
  startSec?: number;
}

/** A deterministic pseudo-random sequence, so a test sends the same bytes each run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

/** The chunk payload, scaled up from the corpus one. */
export function scaledChunk(o: ScaledChunkOptions): Buffer {
  const chunk = corpusChunk();
  const base = chunk.profile.frames;
  const frames: CorpusFrame[] = [];
  for (let copy = 0; copy < 150; copy++) {
    for (const [i, f] of base.entries()) {
      const addr = (BigInt(f.instruction_addr ?? '0x1000') + BigInt(copy * 0x100 + i * 4)).toString(16);
      frames.push({ ...f, function: `${f.function ?? 'fn'}#${copy}`, instruction_addr: `0x${addr.padStart(16, '0')}` });
    }
  }
  const random = lcg(0x5eed);
  // Leaf first, as the format sends them; every stack ends in the corpus' root frame (`_main`).
  const stacks = Array.from({ length: 3_000 }, () => {
    const depth = 8 + Math.floor(random() * 40);
    return [...Array.from({ length: depth - 1 }, () => 1 + Math.floor(random() * (frames.length - 1))), 0];
  });
  const threads = ['259', '1283', '7939', '12035'];
  const t0 = o.startSec ?? chunk.profile.samples[0]!.timestamp;
  const samples = Array.from({ length: o.samples }, (_, i) => ({
    timestamp: Math.round((t0 + Math.floor(i / threads.length) * 0.01) * 1000) / 1000,
    stack_id: Math.floor(random() * stacks.length), thread_id: threads[i % threads.length]!,
  }));
  const threadMetadata = Object.fromEntries(threads.map((id, i) => [id, { name: i === 0 ? 'main' : `worker ${i}` }]));
  return Buffer.from(JSON.stringify({
    ...chunk, chunk_id: o.chunkId ?? chunk.chunk_id, profiler_id: o.profilerId ?? chunk.profiler_id,
    profile: { samples, stacks, frames, thread_metadata: threadMetadata },
  }));
}

/** An envelope carrying one scaled-up chunk, as the cocoa SDK sends it. */
export function scaledChunkEnvelope(o: ScaledChunkOptions): { envelope: Buffer; payload: Buffer } {
  const payload = scaledChunk(o);
  return { payload, envelope: serializeEnvelope({ headers: {}, items: [{ headers: { type: 'profile_chunk', platform: 'cocoa' }, payload }] }) };
}
