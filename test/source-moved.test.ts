/**
 * Source drift after an edit: real @sentry/node with its context-lines
 * integration sends to a real in-process Lookout. Lines added above the crash move it: "show more
 * context" follows the SDK's lines to where they are now instead of highlighting a blank line; lines
 * gone from the file are kept as sent; the event's own lines are marked as what ran; and a frame
 * named by URL (a browser's dev-server file) gets the same check against the file a source root serves.
 */
import * as Sentry from '@sentry/node';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorEvent } from '@sentry/node';
import type { EventDetail, SourceWindow } from '../src/shared/api-types';
import type { SentryFrame } from '../src/shared/sentry';
import type { TestLookout } from './helpers/lookout';
import { useSourceRootLookout } from './helpers/source-root-lookout';

const THROW_LINE = 4;
const THROW = "  if (total < 0) throw new Error('negative total ' + total);";
const MODULE = ["'use strict';", 'function checkout(items) {', '  const total = items.reduce((sum, i) => sum + i.price, 0);', THROW,
  '  return total;', '}', 'module.exports = { checkout };', ''].join('\n');

let dir: string;
let lookout: TestLookout;
/** The next event's frames of this file are renamed to a dev server's URL, as a browser names its scripts. */
let asUrl = '';

function beforeSend(event: ErrorEvent): ErrorEvent {
  for (const f of event.exception?.values?.flatMap((e) => e.stacktrace?.frames ?? []) ?? []) {
    if (asUrl && f.filename === path.join(dir, asUrl)) { f.abs_path = `http://127.0.0.1:5173/${asUrl}`; f.filename = `http://127.0.0.1:5173/${asUrl}`; }
  }
  return event;
}

async function capture(name: string): Promise<{ file: string; eventId: string }> {
  const file = path.join(dir, name);
  await writeFile(file, MODULE);
  const mod = createRequire(import.meta.url)(file) as { checkout: (items: { price: number }[]) => number };
  const errorCtor = Error as { prepareStackTrace?: unknown };
  const hook = errorCtor.prepareStackTrace;
  errorCtor.prepareStackTrace = undefined; // Vitest's own stack hook is not what a plain `node` run has
  let eventId = '';
  try { mod.checkout([{ price: -5 }]); } catch (err) { void (err as Error).stack; eventId = Sentry.captureException(err); } finally { errorCtor.prepareStackTrace = hook; }
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  return { file, eventId };
}

async function frameOf(eventId: string, ref: string): Promise<SentryFrame> {
  const event = await lookout.api<EventDetail>(`events/${eventId}`);
  const frame = event.payload.exception?.values?.at(-1)?.stacktrace?.frames?.find((f) => f.abs_path === ref || f.filename === ref);
  if (!frame) throw new Error(`no frame of ${ref}`);
  return frame;
}

const windowOf = (eventId: string, file: string) =>
  lookout.api<SourceWindow>(`source?event=${eventId}&file=${encodeURIComponent(file)}&line=${THROW_LINE}&radius=3`);

useSourceRootLookout('lookout-src-moved-', beforeSend, (d, l) => { dir = d; lookout = l; });

describe('a file edited after the event', () => {
  it('follows the lines that ran to where they moved, and marks the SDK lines as what ran', async () => {
    const { file, eventId } = await capture('moved.cjs');
    await writeFile(file, `${['// 1', '// 2', '// 3', '// 4', '// 5'].join('\n')}\n${MODULE}`);
    const frame = await frameOf(eventId, file);
    expect(frame.context_line?.trim()).toBe(THROW.trim());
    expect(frame.data).toMatchObject({ source_changed_since_event: true, context_from_event: true });
    const win = await windowOf(eventId, file);
    expect(win).toMatchObject({ changedSinceEvent: true, movedTo: THROW_LINE + 5 });
    expect(win.lines[THROW_LINE + 5 - win.startLine]?.trim()).toBe(THROW.trim());
  });

  it('keeps the sent lines when they are no longer in the file', async () => {
    const { file, eventId } = await capture('rewritten.cjs');
    await writeFile(file, "'use strict';\nmodule.exports = { checkout: () => 0 };\n\n\n\n");
    const win = await windowOf(eventId, file);
    expect(win).toMatchObject({ changedSinceEvent: true, sentLinesGone: true });
    expect(win.movedTo).toBeUndefined();
  });

  it('says nothing moved when the file is unchanged', async () => {
    const { file, eventId } = await capture('same.cjs');
    const win = await windowOf(eventId, file);
    expect(win.changedSinceEvent).toBe(false);
    expect(win.movedTo).toBeUndefined();
    expect(win.sentLinesGone).toBeUndefined();
  });

  it('checks a frame named by URL against the file a source root serves there, as a Node frame', async () => {
    asUrl = 'served.cjs';
    const { file, eventId } = await capture('served.cjs');
    asUrl = '';
    const url = 'http://127.0.0.1:5173/served.cjs';
    expect((await frameOf(eventId, url)).data?.source_changed_since_event).toBeUndefined();
    await writeFile(file, MODULE.replace('negative total', 'total below zero'));
    expect((await frameOf(eventId, url)).data).toMatchObject({ source_changed_since_event: true, context_from_event: true });
  });
});
