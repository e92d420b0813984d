/**
 * Test support: a real store holding many copies of real envelopes, written through the
 * pipeline and the plan writer as ingest writes them, without the HTTP round trip (40,000
 * events in seconds where HTTP took over a minute on a shared machine).
 */
import { isDeepStrictEqual } from 'node:util';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan } from '../pipeline/types';
import { openDatabase } from './db';
import { planWriter } from './plan-writer';
import { GroupWriter } from './writer';

const EVENT_ID = /"event_id":"[0-9a-f]{32}"/g;

function prepared(text: string, id: string, received: number): Promise<EnvelopePlan> {
  const body = Buffer.from(text.replace(EVENT_ID, `"event_id":"${id}"`));
  const request = { received, route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
  return prepareEnvelope(parseEnvelope(body), request, 1, null);
}

/**
 * The envelope prepared once; each copy is that plan with the copy's event id and body, which is
 * all the pipeline makes differ (checked against a real preparation of the second copy).
 */
async function copier(text: string, prefix: string): Promise<(n: number) => EnvelopePlan> {
  const idOf = (n: number) => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;
  // One receive time for both preparations: an event over 30 days old (the corpus') takes it as its time (event-clock.ts).
  const received = Date.now();
  const plan = await prepared(text, idOf(0), received);
  const copy = (n: number): EnvelopePlan => {
    const id = idOf(n);
    const item = plan.items[0];
    if (plan.items.length !== 1 || item?.type !== 'event') throw new Error('each envelope must hold one event');
    return { ...structuredClone(plan), responseId: id, items: [{ ...structuredClone(item), eventId: id }],
      request: { ...plan.request, received: Date.now(), body: Buffer.from(text.replace(EVENT_ID, `"event_id":"${id}"`)) } };
  };
  const real = await prepared(text, idOf(1), received);
  const norm = (p: EnvelopePlan) => ({ ...p, request: { ...p.request, received: 0 } });
  if (!isDeepStrictEqual(norm(copy(1)), norm(real))) throw new Error('a copy differs from what the pipeline makes of it');
  return copy;
}

/**
 * Writes `counts[k]` copies of `envelopes[k]` (each holding one event: event ids `<k+1>000…n`)
 * into the store of `dir`, in group commits as ingest makes them; `again` names copies (by
 * index) that are also sent a second time, as an SDK resending them. Answers each envelope's event ids.
 */
export async function fillStore(dir: string, envelopes: readonly string[], counts: readonly number[], again: readonly number[] = []): Promise<string[][]> {
  const { db } = openDatabase(dir);
  const write = planWriter(db, { deferred: true });
  const writer = new GroupWriter(db, 256, { pending: write });
  const ids: string[][] = [];
  try {
    for (const [k, text] of envelopes.entries()) {
      const copy = await copier(text, String(k + 1));
      const jobs: Promise<unknown>[] = [];
      ids.push([]);
      for (let n = 0; n < (counts[k] ?? 0); n++) {
        const plan = copy(n);
        ids[k]!.push(plan.responseId ?? '');
        jobs.push(writer.submit(() => write(plan), { leavesPending: true }));
        if (again.includes(n)) jobs.push(writer.submit(() => write(copy(n)), { leavesPending: true }));
        // A commit at a time, as under load: the queue never holds the whole fill.
        if (jobs.length >= 2048) await Promise.all(jobs.splice(0));
      }
      await Promise.all(jobs);
    }
  } finally {
    writer.close();
    db.close();
  }
  return ids;
}
