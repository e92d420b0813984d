import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SHAPES, workloads } from '../../bench/payloads.mjs';
import { buildRequest, fillRequest } from '../../bench/template.mjs';
import { parseEnvelope } from '../../src/core/ingest/envelope';
import { prepareRequest } from '../../src/core/pipeline/prepare-request';
import type { PreparedPlan } from '../../src/core/pipeline/prepare-request';
import type { PreparedEvent } from '../../src/core/pipeline/types';

// The benchmark's workloads are what issue #8 names, checked through Lookout's own parser and
// grouping: a figure measured on the wrong payload would be a claim, not a measurement.

const all = workloads();
type Name = keyof typeof all & string;

/** The body of request `seq` of a workload as the load generator sends it (head cut off, gzip undone). */
function body(name: Name, seq: number, gzip: boolean, values = all[name]!.fill(seq, 'feed')): Buffer {
  const wl = all[name]!;
  const req = buildRequest({ text: wl.texts[seq % wl.texts.length]!, path: '/api/1/envelope/', host: '127.0.0.1', contentType: 'application/x-sentry-envelope', gzip });
  const bytes = fillRequest(req, values);
  const raw = bytes.subarray(bytes.indexOf('\r\n\r\n') + 4);
  return gzip ? gunzipSync(raw) : raw;
}

async function plan(name: Name, seq: number): Promise<PreparedPlan> {
  const out = await prepareRequest({ route: 'envelope', body: body(name, seq, false), contentType: 'application/x-sentry-envelope', received: Date.now(), urlProjectId: '1' }, null);
  if (!out.ok) throw new Error(`${name} #${seq} was refused: ${out.detail}`);
  return out.plan;
}

const firstEvent = (p: PreparedPlan) => p.items.find((i): i is PreparedEvent => i.type === 'event');
const primaryHash = (p: PreparedPlan) => firstEvent(p)?.grouping?.hashes[0];

describe('bench workloads', () => {
  it('error8k: ~8 KB browser errors with 20 frames and breadcrumbs, in 200 stack shapes that group into 200 issues', async () => {
    const hashes = new Set<string | undefined>();
    for (let seq = 0; seq < SHAPES; seq++) hashes.add(primaryHash(await plan('error8k', seq)));
    expect(hashes.size).toBe(200);
    expect(hashes.has(undefined)).toBe(false);
    const event = JSON.parse(parseEnvelope(body('error8k', 5, false)).items[0]!.payload.toString('utf8')) as
      { exception: { values: { stacktrace: { frames: unknown[] } }[] }; breadcrumbs: { values: unknown[] } };
    expect(event.exception.values[0]!.stacktrace.frames).toHaveLength(20);
    expect(event.breadcrumbs.values.length).toBeGreaterThan(20);
    for (const seq of [0, 77, 199]) expect(body('error8k', seq, false).length).toBeGreaterThan(7_500);
    for (const seq of [0, 77, 199]) expect(body('error8k', seq, false).length).toBeLessThan(8_700);
  });

  it('errorloop: every event is the same error, one issue', async () => {
    const hashes = new Set<string | undefined>();
    for (let seq = 0; seq < 30; seq++) hashes.add(primaryHash(await plan('errorloop', seq)));
    expect([...hashes]).toHaveLength(1);
    expect(hashes.has(undefined)).toBe(false);
  });

  it('error50k: ~50 KB Node errors in 200 shapes', async () => {
    const hashes = new Set<string | undefined>();
    for (let seq = 0; seq < SHAPES; seq += 1) hashes.add(primaryHash(await plan('error50k', seq)));
    expect(hashes.size).toBe(200);
    const size = body('error50k', 3, false).length;
    expect(size).toBeGreaterThan(45_000);
    expect(size).toBeLessThan(55_000);
  });

  it('spans50: a span v2 container of 50 spans that Lookout keeps as span blocks', async () => {
    const p = await plan('spans50', 0);
    const rows = p.items.flatMap((i) => (i.type === 'rows' && i.table === 'span_blocks' ? i.rows : []));
    expect(rows.reduce((n, r) => n + Number(r.span_count), 0)).toBe(50);
  });

  it('replay50k: a ~50 KB recording per segment, 50 segments per replay', async () => {
    const items = parseEnvelope(body('replay50k', 0, false)).items;
    expect(items.map((i) => i.headers.type)).toEqual(['replay_event', 'replay_recording']);
    expect(items[1]!.payload.length).toBeGreaterThan(45_000);
    expect(items[1]!.payload.length).toBeLessThan(56_000);
    const replayId = (seq: number) => (JSON.parse(parseEnvelope(body('replay50k', seq, false)).items[0]!.payload.toString('utf8')) as { replay_id: string }).replay_id;
    expect(replayId(49)).toBe(replayId(0));
    expect(replayId(50)).not.toBe(replayId(49));
    expect((await plan('replay50k', 7)).replay).not.toBeNull();
  });

  it('fills every request uniquely, and a gzip request inflates to the same envelope as the plain one', () => {
    for (const name of ['error8k', 'error50k', 'spans50', 'replay50k'] as Name[]) {
      for (const seq of [0, 1, 123]) {
        const values = all[name]!.fill(seq, 'feed');
        expect(body(name, seq, true, values).equals(body(name, seq, false, values))).toBe(true);
      }
    }
    const ids = new Set(Array.from({ length: 400 }, (_, seq) => parseEnvelope(body('error8k', seq, false)).headers.event_id));
    expect(ids.size).toBe(400);
  });
});
