/**
 * "The file changed on disk since this event" (review C, issue 36): plain Node modules run under real
 * @sentry/node with its context-lines integration, sent to a real in-process Lookout. The warning
 * follows the SDK's context lines when it sent them (a backdated event or a touched file is not a
 * change; an edit at the frame's lines is) and the event's arrival time when it did not.
 */
import * as Sentry from '@sentry/node';
import { renameSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventDetail, SourceWindow } from '../src/shared/api-types';
import type { ErrorEvent } from '@sentry/node';
import type { TestLookout } from './helpers/lookout';
import { useSourceRootLookout } from './helpers/source-root-lookout';

const HOUR_MS = 3_600_000;
const THROW_LINE = 4;
const MODULE = [
  "'use strict';",
  'function checkout(items) {',
  '  const total = items.reduce((sum, i) => sum + i.price, 0);',
  "  if (total < 0) throw new Error('negative total ' + total);",
  '  return total;',
  '}',
  'module.exports = { checkout };',
  '',
].join('\n');

let dir: string;
let lookout: TestLookout;
/**
 * What beforeSend does to the next event: move its timestamp back, drop the SDK's context lines, move
 * its file away until it has been stored (so Lookout cannot read context lines of its own at ingest).
 */
const next = { backdateMs: 0, stripContext: false, hide: '' };

function beforeSend(event: ErrorEvent): ErrorEvent {
  if (next.backdateMs > 0 && typeof event.timestamp === 'number') event.timestamp -= next.backdateMs / 1000;
  if (next.stripContext) {
    for (const ex of event.exception?.values ?? []) {
      for (const f of ex.stacktrace?.frames ?? []) { delete f.context_line; delete f.pre_context; delete f.post_context; }
    }
  }
  if (next.hide) renameSync(next.hide, `${next.hide}.away`);
  return event;
}

/** Writes a fresh copy of the module, throws from it under the SDK and returns the stored event. */
async function captureFrom(name: string, opts: { backdateMs?: number; stripContext?: boolean; hide?: boolean } = {}): Promise<{ file: string; event: EventDetail }> {
  const file = path.join(dir, name);
  await writeFile(file, MODULE);
  Object.assign(next, { backdateMs: opts.backdateMs ?? 0, stripContext: opts.stripContext ?? false, hide: opts.hide ? file : '' });
  const mod = createRequire(import.meta.url)(file) as { checkout: (items: { price: number }[]) => number };
  const errorCtor = Error as { prepareStackTrace?: unknown };
  const hook = errorCtor.prepareStackTrace;
  errorCtor.prepareStackTrace = undefined; // Vitest's own stack hook is not what a plain `node` run has
  let eventId = '';
  try { mod.checkout([{ price: 2 }, { price: -5 }]); } catch (err) { void (err as Error).stack; eventId = Sentry.captureException(err); } finally { errorCtor.prepareStackTrace = hook; }
  if (!eventId) throw new Error(`${name} did not throw`);
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  const event = await lookout.api<EventDetail>(`events/${eventId}`);
  if (opts.hide) renameSync(`${file}.away`, file);
  return { file, event };
}

async function view(eventId: string, file: string): Promise<{ flagged: boolean; window: boolean; contextLine: string | undefined }> {
  const event = await lookout.api<EventDetail>(`events/${eventId}`);
  const frame = event.payload.exception?.values?.at(-1)?.stacktrace?.frames?.find((f) => f.abs_path === file || f.filename === file);
  if (!frame) throw new Error(`no frame of ${file}`);
  const win = await lookout.api<SourceWindow>(`source?event=${eventId}&file=${encodeURIComponent(file)}&line=${THROW_LINE}&radius=2`);
  return { flagged: frame.data?.source_changed_since_event === true, window: win.changedSinceEvent, contextLine: frame.context_line };
}

/** Sets the file's mtime `ms` from now (the past when negative). */
async function setMtime(file: string, ms: number): Promise<void> {
  const at = new Date(Date.now() + ms);
  await utimes(file, at, at);
}

useSourceRootLookout('lookout-src-changed-', beforeSend, (d, l) => { dir = d; lookout = l; });

describe('with the SDK context lines', () => {
  it('does not warn for a backdated event from a file saved after its timestamp', async () => {
    const { file, event } = await captureFrom('backdated.cjs', { backdateMs: HOUR_MS });
    expect(Date.now() - event.timestamp).toBeGreaterThan(HOUR_MS - 60_000);
    await setMtime(file, -60_000); // saved a minute ago: after the event's own time, before it arrived
    const seen = await view(event.eventId, file);
    expect(seen.contextLine?.trim()).toBe(MODULE.split('\n')[THROW_LINE - 1]!.trim());
    expect(seen).toMatchObject({ flagged: false, window: false });
  });

  it('does not warn for a file touched after the event with the same content', async () => {
    const { file, event } = await captureFrom('touched.cjs');
    await setMtime(file, 60_000);
    expect(await view(event.eventId, file)).toMatchObject({ flagged: false, window: false });
  });

  it('warns when the lines around the frame were really edited', async () => {
    const { file, event } = await captureFrom('edited.cjs');
    await writeFile(file, MODULE.replace("if (total < 0) throw new Error('negative total ' + total);", "if (total < 0) throw new RangeError('total below zero');"));
    expect(await view(event.eventId, file)).toMatchObject({ flagged: true, window: true });
  });

  it('does not warn for whitespace-only changes on the frame lines', async () => {
    const { file, event } = await captureFrom('reindented.cjs');
    await writeFile(file, MODULE.replace('  if (total < 0)', '    if (total < 0)'));
    expect(await view(event.eventId, file)).toMatchObject({ flagged: false, window: false });
  });
});

describe('without the SDK context lines', () => {
  it('compares with the lines Lookout read when the event arrived', async () => {
    const { file, event } = await captureFrom('read-at-ingest.cjs', { backdateMs: HOUR_MS, stripContext: true });
    expect(event.payload.exception?.values?.at(-1)?.stacktrace?.frames?.find((f) => f.filename === file)?.context_line).toContain('negative total');
    await setMtime(file, 60_000);
    expect(await view(event.eventId, file)).toMatchObject({ flagged: false, window: false });
    await writeFile(file, MODULE.replace('negative total', 'total below zero'));
    expect(await view(event.eventId, file)).toMatchObject({ flagged: true, window: true });
  });

  it('judges by the arrival time, not the backdated timestamp, when no lines were stored', async () => {
    const { file, event } = await captureFrom('no-context.cjs', { backdateMs: HOUR_MS, stripContext: true, hide: true });
    // Unlike above, a touch after arrival now counts: no stored lines say the content is the same.
    await setMtime(file, -60_000);
    expect(await view(event.eventId, file)).toMatchObject({ flagged: false, window: false });
    await setMtime(file, 60_000);
    expect(await view(event.eventId, file)).toMatchObject({ flagged: true, window: true });
  });
});
