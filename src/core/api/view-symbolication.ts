import { stat } from 'node:fs/promises';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { symbolicateEvent, type ScrapeOptions } from '../symbolicate';
import { wantsRemoteContext } from '../symbolicate/scrape-source';
import { exceptionFrames, localFileOf } from './source-scope';

const MAX_STATS = 500;

function isNative(frame: SentryFrame): boolean {
  const ref = typeof frame.abs_path === 'string' && frame.abs_path ? frame.abs_path : frame.filename;
  return typeof ref !== 'string' || ref === '' || ref.startsWith('node:') || ref.startsWith('<') || ref === '[native code]';
}

function isMapped(frame: SentryFrame): boolean {
  return typeof frame.data === 'object' && frame.data !== null && frame.data.symbolicated === true;
}

/** Frames a source map resolved, over all exceptions. */
export function mappedFrameCount(event: SentryEvent): number {
  let n = 0;
  for (const frames of exceptionFrames(event)) for (const f of frames) if (isMapped(f)) n++;
  return n;
}

/**
 * Whether a view-time run could change anything: some file frame is still as the SDK sent it, or
 * (fetching on) a mapped one still lacks the context lines its original source's URL could give.
 */
function hasUnresolvedFrames(event: SentryEvent, fetching: boolean): boolean {
  return exceptionFrames(event).some((frames) => frames.some((f) => (!isMapped(f) && !isNative(f)) || (fetching && wantsRemoteContext(f))));
}

/**
 * Flags frames whose local file was modified after the event (`data.source_changed_since_event`),
 * so the UI can warn that the context lines may no longer match. At most MAX_STATS files.
 */
async function markChangedSources(event: SentryEvent, eventTimeMs: number): Promise<void> {
  const mtimes = new Map<string, Promise<number | null>>();
  let checked = 0;
  for (const frames of exceptionFrames(event)) {
    for (const frame of frames) {
      const file = localFileOf(frame);
      if (!file) continue;
      let pending = mtimes.get(file);
      if (!pending) {
        if (++checked > MAX_STATS) return;
        pending = stat(file).then((s) => (s.isFile() ? s.mtimeMs : null), () => null);
        mtimes.set(file, pending);
      }
      const mtime = await pending;
      if (mtime !== null && mtime > eventTimeMs) {
        frame.data = { ...(typeof frame.data === 'object' && frame.data !== null ? frame.data : {}), source_changed_since_event: true };
      }
    }
  }
}

/**
 * The stored event as the UI should see it now: frames that could not be symbolicated at ingest
 * are retried (a map may have appeared since, or its host been allowed in Settings), mapped
 * frames without context get it from their source's URL when they can, and frames whose file
 * changed are flagged. `fetching` is what may be fetched now (Settings, `--fetch-host`).
 * `resymbolicated` is true when a source map now resolves frames the stored payload had not,
 * which means grouping on the stored payload is out of date.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */
export async function refreshForView(payload: SentryEvent, sourceRoots: string[], eventTimeMs: number, fetching: ScrapeOptions = {}): Promise<{ event: SentryEvent; resymbolicated: boolean }> {
  let event = payload;
  let resymbolicated = false;
  if (hasUnresolvedFrames(payload, fetching.enabled !== false)) {
    const before = mappedFrameCount(payload);
    const result = await symbolicateEvent(payload, { sourceRoots, scrape: { ...fetching, explain: true } });
    event = result.event;
    resymbolicated = result.changed && mappedFrameCount(event) > before;
  }
  await markChangedSources(event, eventTimeMs);
  return { event, resymbolicated };
}
