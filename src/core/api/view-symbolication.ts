import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { symbolicateEvent, type ScrapeOptions } from '../symbolicate';
import { wantsRemoteContext } from '../symbolicate/scrape-source';
import { exceptionFrames, localFileOf } from './source-scope';
import { currentFileOf, FileProbe, fileChangedSinceEvent, frameLinesDiffer } from './source-drift';

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
 * Whether each frame's context lines are evidence of the code that ran: they were in the stored
 * event (the SDK's, or read at ingest), not read from disk just now by the view-time retry.
 */
function storedContextFlags(event: SentryEvent, stored: SentryEvent): boolean[][] {
  const before = exceptionFrames(stored);
  return exceptionFrames(event).map((frames, i) => frames.map((f, j) => {
    const was = before[i]?.length === frames.length ? before[i]?.[j] : undefined;
    return typeof f.context_line === 'string' && was?.context_line === f.context_line;
  }));
}

/**
 * Flags frames whose local file no longer holds the code that ran (`data.source_changed_since_event`),
 * so the UI can warn that the lines it reads from disk may not match: by the frame's stored context
 * lines when it has them, else by the file's mtime after the event's arrival
 * ({@link fileChangedSinceEvent}). At most MAX_STATS files.
 */
async function markChangedSources(event: SentryEvent, stored: SentryEvent, receivedMs: number, sourceRoots: readonly string[]): Promise<void> {
  const probe = new FileProbe();
  const evidence = storedContextFlags(event, stored);
  const byFile = new Map<string, { frame: SentryFrame; hasContext: boolean }[]>();
  const located = new Map<string, Promise<string | null>>();
  const frames = exceptionFrames(event).flatMap((list, i) => list.map((frame, j) => ({ frame, hasContext: evidence[i]?.[j] === true })));
  for (const entry of frames) {
    // A browser frame named by URL is checked against the file a source root serves there, as a Node frame's path is.
    const ref = localFileOf(entry.frame) ?? (typeof entry.frame.abs_path === 'string' ? entry.frame.abs_path : null);
    if (ref === null) continue;
    if (!located.has(ref) && located.size < MAX_STATS) located.set(ref, currentFileOf(entry.frame, sourceRoots));
    const file = await located.get(ref);
    if (!file) continue;
    const list = byFile.get(file);
    if (list) list.push(entry);
    else if (byFile.size < MAX_STATS) byFile.set(file, [entry]);
  }
  for (const [file, entries] of byFile) {
    const now = await probe.read(file);
    if (!now) continue;
    const wholeFile = await fileChangedSinceEvent(probe, file, entries.filter((e) => e.hasContext).map((e) => e.frame), receivedMs);
    // This judgement replaces the symbolicator's (by the event's own timestamp, which a backdated event trips).
    for (const { frame, hasContext } of entries) {
      const changed = (hasContext && now.lines ? frameLinesDiffer(frame, now.lines) : null) ?? wholeFile === true;
      const data = typeof frame.data === 'object' && frame.data !== null ? frame.data : null;
      // `context_from_event`: the lines on screen are the event's own (what ran), not the file read now.
      if (changed) frame.data = { ...data, source_changed_since_event: true, ...(hasContext ? { context_from_event: true } : {}) };
      else if (data && 'source_changed_since_event' in data) {
        const { source_changed_since_event: _stale, context_from_event: _from, ...rest } = data;
        frame.data = rest;
      }
    }
  }
}

/**
 * The stored event as the UI should see it now: frames that could not be symbolicated at ingest
 * are retried (a map may have appeared since, or its host been allowed in Settings), mapped
 * frames without context get it from their source's URL when they can, and frames whose file
 * changed since the event are flagged (`receivedMs`: when it arrived). `fetching` is what may be fetched now (Settings, `--fetch-host`).
 * `resymbolicated` is true when a source map now resolves frames the stored payload had not,
 * which means grouping on the stored payload is out of date.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */
export async function refreshForView(payload: SentryEvent, sourceRoots: string[], receivedMs: number, fetching: ScrapeOptions = {}): Promise<{ event: SentryEvent; resymbolicated: boolean }> {
  let event = payload;
  let resymbolicated = false;
  if (hasUnresolvedFrames(payload, fetching.enabled !== false)) {
    const before = mappedFrameCount(payload);
    const result = await symbolicateEvent(payload, { sourceRoots, scrape: { ...fetching, explain: true } });
    event = result.event;
    resymbolicated = result.changed && mappedFrameCount(event) > before;
  }
  await markChangedSources(event, payload, receivedMs, sourceRoots);
  return { event, resymbolicated };
}
