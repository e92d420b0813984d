import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../src/shared/api-types';
import { KEEP_BREADCRUMBS, MAX_EVENT_BYTES } from '../../src/core/pipeline/trim-event';
import { MAX_ATTACHMENT_BYTES } from '../../src/core/pipeline/prepare-items';
import { post, startTestLookout, type TestLookout } from '../helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './support';

let lookout: TestLookout;
const envelopeUrl = () => `${lookout.url}/api/1/envelope/?sentry_key=k`;

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

describe('oversized parts are stored truncated with a flag, not dropped', () => {
  it('an event over 1 MiB keeps its last breadcrumbs, its title and its issue', async () => {
    const smallId = newEventId();
    expect((await post(envelopeUrl(), eventEnvelope(smallId, errorEvent(smallId, 3)))).status).toBe(200);
    const bigId = newEventId();
    const breadcrumbs = Array.from({ length: 20_000 }, (_, i) => ({ category: 'console', message: `log line ${i} ${'x'.repeat(100)}` }));
    const sent = eventEnvelope(bigId, { ...errorEvent(bigId, 3), breadcrumbs, extra: { dump: 'y'.repeat(2 * MAX_EVENT_BYTES) } });
    const res = await post(envelopeUrl(), sent);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: bigId });

    const [small, big] = await Promise.all([smallId, bigId].map((id) => lookout.api<EventDetail>(`events/${id}`)));
    expect(small!.truncated).toBe(false);
    expect(big!.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(big!.payload))).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    const crumbs = big!.payload.breadcrumbs?.values ?? [];
    expect(crumbs).toHaveLength(KEEP_BREADCRUMBS);
    expect(crumbs.at(-1)?.message).toMatch(/^log line 19999 /);
    expect(big!.issueId).toBe(small!.issueId);
    expect(big!.title).toBe(`CrashTestError3: failure ${bigId}`);
    // The raw envelope still holds every byte as it was sent.
    const raw = await fetch(`${lookout.url}/_lookout/api/envelopes/${big!.envelopeId}/raw`);
    expect((await raw.arrayBuffer()).byteLength).toBe(Buffer.byteLength(sent));
  });

  it('an attachment over 100 MiB is kept cut to 100 MiB, flagged, and its event is stored whole', async () => {
    const id = newEventId();
    const size = MAX_ATTACHMENT_BYTES + 4096;
    const dump = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) dump.write(`block ${i}\n`, i);
    const event = JSON.stringify(errorEvent(id, 2));
    const body = Buffer.concat([
      Buffer.from(`{"event_id":"${id}"}\n{"type":"event","length":${Buffer.byteLength(event)}}\n${event}\n`),
      Buffer.from(`{"type":"attachment","filename":"heap.bin","content_type":"application/octet-stream","length":${size}}\n`), dump,
    ]);
    const res = await post(envelopeUrl(), body);
    expect(res.status).toBe(200);
    const ev = await lookout.api<EventDetail>(`events/${id}`);
    expect(ev.truncated).toBe(false);
    expect(ev.attachments).toHaveLength(1);
    const att = ev.attachments[0]!;
    expect([att.filename, att.size, att.truncated]).toEqual(['heap.bin', size, true]);
    const data = Buffer.from(await (await fetch(`${lookout.url}/_lookout/api/attachments/${att.id}`)).arrayBuffer());
    expect(data.length).toBe(MAX_ATTACHMENT_BYTES);
    expect(data.subarray(0, 4096).equals(dump.subarray(0, 4096))).toBe(true);
  }, 60_000);
});
