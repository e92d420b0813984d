/**
 * A large continuous-profiling chunk is aggregated on a worker thread by the built `lookout
 * serve`: the answer is the one the main thread would give, and ingest is answered meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileResponse } from '../src/shared/api-profile';
import type { ItemSummary, Page } from '../src/shared/api-types';
import { profileFromPayloads } from '../src/core/profile';
import { PROFILE_WORKER_BYTES } from '../src/core/profile/profile-job';
import { startServer, type RunningServer } from '../e2e/server';

const ROOT = resolve(__dirname, '..');
let server: RunningServer;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  server = await startServer();
}, 180_000);
afterAll(async () => { await server.stop(); });

/** A v2 chunk of `n` samples 10 ms apart over 50 stacks of 30 frames each. */
function bigChunk(n: number): string {
  const frames = Array.from({ length: 200 }, (_, i) => ({ function: `fn${i}`, filename: `app/mod${i % 17}.js`, lineno: i + 1, in_app: true }));
  const stacks = Array.from({ length: 50 }, (_, s) => Array.from({ length: 30 }, (_, d) => (s * 7 + d * 3) % 200));
  const samples = Array.from({ length: n }, (_, i) => ({ timestamp: 1_700_000_000 + i * 0.01, stack_id: (i * 13) % 50, thread_id: '0' }));
  return JSON.stringify({ version: '2', profiler_id: 'f'.repeat(32), chunk_id: 'a'.repeat(32), platform: 'javascript',
    profile: { samples, stacks, frames, thread_metadata: { 0: { name: 'main' } } } });
}

describe('profile worker', () => {
  it('aggregates a large chunk off the main thread: the same answer, ingest acknowledged before it', async () => {
    const chunk = bigChunk(150_000);
    expect(chunk.length).toBeGreaterThan(PROFILE_WORKER_BYTES);
    const sent = await fetch(`${server.url}/api/1/envelope/`, { method: 'POST', body: `{}\n{"type":"profile_chunk","platform":"javascript"}\n${chunk}` });
    expect(sent.status).toBe(200);
    const items = await (await fetch(`${server.url}/_lookout/api/items?limit=5`)).json() as Page<ItemSummary>;
    const seq = items.items.find((i) => i.kind === 'profile_chunk')!.seq;

    const order: string[] = [];
    const profile = fetch(`${server.url}/_lookout/api/profiles/items/${seq}`).then(async (r) => { order.push('profile'); return r.json() as Promise<ProfileResponse>; });
    const event = fetch(`${server.url}/api/1/envelope/`, { method: 'POST', body: '{}\n{"type":"event"}\n{"message":"while a profile is read"}' })
      .then((r) => { order.push('event'); return r.status; });
    const [answer, status] = await Promise.all([profile, event]);
    expect(status).toBe(200);
    expect(order).toEqual(['event', 'profile']);

    const inline = profileFromPayloads([{ data: Buffer.from(chunk), label: `item ${seq}` }]).aggregate;
    expect(answer.threads.map((t) => [t.name, t.sampleCount, t.durationMs])).toEqual(inline.threads.map((t) => [t.name, t.sampleCount, t.durationMs]));
    expect(answer.threads[0]!.functions.slice(0, 5)).toEqual(inline.threads[0]!.functions.slice(0, 5));
    expect(answer.source).toMatchObject({ kind: 'profile_chunk', profilerIds: ['f'.repeat(32)], platform: 'javascript' });
  });
});
