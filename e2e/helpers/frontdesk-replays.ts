/**
 * Posts the recorded frontdesk traffic (real @sentry/browser 11 envelopes: two replays, their errors and
 * spans; see test/fixtures/replay/frontdesk/README.md) to a Lookout, in the order the SDK sent them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { redateEnvelope } from './redate-envelope';

const DIR = fileURLToPath(new URL('../../test/fixtures/replay/frontdesk/', import.meta.url));

/** Sampled from the start (`session`), with navigations, web vitals and an error at /checkout. */
export const SESSION_REPLAY = '4bdccb4beb2d41dba0d08e9ac684df7c';
/** Kept on error (`buffer`): its first page snapshot is 40 s after its first event. */
export const BUFFER_REPLAY = '3240bdf899c646028d7aeeea86a8baa1';

/**
 * When the last envelope was sent (its `sent_at`): the whole recording is moved so that this is now,
 * everything else a little before (nothing may be ahead of the server's clock).
 */
const RECORDED_AT = Date.parse('2026-11-25T07:06:33.157Z');

export async function postFrontdeskEnvelopes(serverUrl: string): Promise<void> {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.envelope')).sort();
  const shiftMs = Date.now() - RECORDED_AT;
  for (const file of files) {
    const body = redateEnvelope(await readFile(`${DIR}${file}`), RECORDED_AT, shiftMs);
    const res = await fetch(`${serverUrl}/api/1/envelope/?sentry_key=lookout`, { method: 'POST', body: new Uint8Array(body) });
    if (!res.ok) throw new Error(`${file}: ${res.status} ${await res.text()}`);
  }
}
