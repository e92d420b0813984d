import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { frameFunction, isRecord, text } from './event-fields';
import { sentryAbsPath, sentryModule } from './javascript-modules';

/**
 * A frame's fields as grouping reads them, after the light clean-up Relay does on ingest
 * (`abs_path`/`filename` filled from each other, `?` as function dropped) and Sentry's JavaScript
 * processing (javascript-modules.ts: `async ` off `abs_path`, a module made up for script URLs).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/#frame-attributes
 */
export interface FrameFacts {
  platform: string | undefined;
  family: 'javascript' | 'native' | 'other';
  absPath: string | undefined;
  /** `abs_path` as sent (less an `async ` prefix), without the filename standing in for it (Sentry's low-quality check reads this). */
  sentAbsPath: string | undefined;
  filename: string | undefined;
  module: string | undefined;
  package: string | undefined;
  function: string | undefined;
  rawFunction: string | undefined;
  contextLine: string | undefined;
  lineno: unknown;
  colno: unknown;
  sourcemapUsed: boolean;
  /** in_app as the SDK sent it: undefined when not set. */
  sdkInApp: boolean | undefined;
}

const NATIVE_PLATFORMS = new Set(['objc', 'cocoa', 'swift', 'native', 'c']);

/** Sentry's `get_behavior_family_for_platform`. */
export function behaviorFamily(platform: string | undefined): FrameFacts['family'] {
  if (platform === 'javascript' || platform === 'node') return 'javascript';
  return platform !== undefined && NATIVE_PLATFORMS.has(platform) ? 'native' : 'other';
}

function isUrl(path: string): boolean {
  return /^(?:file|https?|applewebdata):/.test(path);
}

function urlPath(path: string): string {
  try {
    const pathname = new URL(path).pathname;
    return pathname && pathname !== '/' ? pathname : path;
  } catch {
    return path;
  }
}

// Grouping and the title read each frame of an event three times over (variants, crash frame,
// culprit). While one event is only read (see readingFrames), its frames' facts are made once.
let reading: { event: SentryEvent; facts: Map<SentryFrame, FrameFacts> } | null = null;

/**
 * Runs `read` with the facts of `event`'s frames remembered by frame object: for code that only
 * reads the event (grouping, titles), never across a change to its frames (in-app rules,
 * symbolication). The same facts come out; they are made once per frame instead of per reader.
 */
export function readingFrames<T>(event: SentryEvent, read: () => T): T {
  if (reading) return read();
  reading = { event, facts: new Map() };
  try {
    return read();
  } finally {
    reading = null;
  }
}

/** Reads one frame (the event's platform applies where the frame has none). */
export function frameFacts(frame: SentryFrame, event: SentryEvent): FrameFacts {
  if (reading?.event !== event) return readFrameFacts(frame, event);
  let facts = reading.facts.get(frame);
  if (facts === undefined) reading.facts.set(frame, (facts = readFrameFacts(frame, event)));
  return facts;
}

function readFrameFacts(frame: SentryFrame, event: SentryEvent): FrameFacts {
  const platform = text(frame.platform) ?? text(event.platform);
  const absPath = sentryAbsPath(frame, event);
  let filename = text(frame.filename);
  if (!filename && absPath) filename = isUrl(absPath) ? urlPath(absPath) : absPath;
  return {
    platform,
    family: behaviorFamily(platform),
    absPath,
    sentAbsPath: text(frame.abs_path) === undefined ? undefined : absPath,
    filename,
    module: sentryModule(frame, event, absPath),
    package: text(frame.package),
    function: frameFunction(frame),
    rawFunction: text(frame.raw_function),
    contextLine: text(frame.context_line),
    lineno: frame.lineno,
    colno: frame.colno,
    sourcemapUsed: isRecord(frame.data) && frame.data.sourcemap !== undefined && frame.data.sourcemap !== null,
    sdkInApp: typeof frame.in_app === 'boolean' ? frame.in_app : undefined,
  };
}

/** Sentry's `has_url_origin`: http(s), applewebdata and blob paths; `file:` only when asked. */
export function hasUrlOrigin(path: string | undefined, filesCountAsUrls: boolean): boolean {
  if (!path) return false;
  if (/^(?:https?|applewebdata|blob):/.test(path)) return true;
  return path.startsWith('file:') ? filesCountAsUrls : false;
}

/** Recursion test of `newstyle.py`: the same call site as the previous frame. */
export function isSameCallSite(a: FrameFacts, b: FrameFacts | undefined): boolean {
  return (
    b !== undefined &&
    a.absPath === b.absPath &&
    a.package === b.package &&
    a.module === b.module &&
    a.filename === b.filename &&
    a.function === b.function &&
    a.lineno === b.lineno &&
    a.colno === b.colno
  );
}
