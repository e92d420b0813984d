/**
 * Test support for body dictionaries: a real store in a temp dir, real @sentry/node envelopes of
 * one error (see export/test-report-input.ts) prepared by the real pipeline, and the key
 * plan-writer passes for them (the first event's primary grouping hash).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { realReportInput } from '../export/test-report-input';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan } from '../pipeline/types';
import { openDatabase, type DB } from './db';

const dirs: string[] = [];

export function tempStoreDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-dict-'));
  dirs.push(dir);
  return dir;
}

export function openStore(dir: string): DB {
  return openDatabase(dir).db;
}

export function removeStoreDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** `count` envelopes @sentry/node sent for the same error thrown `count` times, in capture order. */
export async function sameErrorBodies(count: number): Promise<Buffer[]> {
  const input = await realReportInput(count);
  const bodies: Buffer[] = [];
  for (let id = 1; id <= count; id++) {
    const body = input.rawEnvelopes.get(id);
    if (!body) throw new Error(`capture ${id} is missing`);
    bodies.push(body);
  }
  return bodies;
}

/** The body through the real pipeline, as the ingest would hand it to the writer. */
export function preparePlan(body: Buffer, projectId: number, received: number): Promise<EnvelopePlan> {
  const request = { received, route: 'envelope /api/1/envelope/', method: 'POST', projectId, client: 'sentry.javascript.node/11',
    sentryKey: 'k', headers: { 'content-type': 'application/x-sentry-envelope' }, body };
  return prepareEnvelope(parseEnvelope(body), request, projectId, null);
}

/** The dictionary key for a plan: its first event's primary grouping hash. */
export function shapeKey(plan: EnvelopePlan): string | null {
  for (const item of plan.items) if (item.type === 'event') return item.grouping?.hashes[0] ?? null;
  return null;
}

/** An `items` row for the plan's first event, as plan-writer writes it; returns its seq. */
export function insertEventItem(db: DB, envelopeId: number, plan: EnvelopePlan): number {
  const event = plan.items.find((i) => i.type === 'event');
  if (event?.type !== 'event') throw new Error('plan without an event');
  return Number(db.prepare(`INSERT INTO items (envelope_id, item_index, project_id, kind, event_id, title, level, timestamp, received)
    VALUES (?, ?, ?, 'event', ?, ?, 'error', ?, ?)`).run(envelopeId, event.itemIndex, plan.projectId, event.eventId, event.title.title,
    event.timestamp, plan.request.received).lastInsertRowid);
}
