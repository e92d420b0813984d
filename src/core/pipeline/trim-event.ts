import type { SentryEvent } from '../../shared/sentry';

/**
 * Relay's limit for one event, transaction or feedback item. Lookout keeps a larger event
 * rather than rejecting it, trimmed to this size and flagged `truncated`.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/#size-limits
 */
export const MAX_EVENT_BYTES = 1024 * 1024;
/** Values nested deeper are replaced by a marker: no SDK nests this deep, and JSON.stringify recurses. */
export const MAX_DEPTH = 64;
export const KEEP_BREADCRUMBS = 100;
/** Frames kept at each end of an over-long stack: the entry point and where it failed. */
export const KEEP_FRAMES_AT_EACH_END = 50;

const DEPTH_MARKER = '[truncated: nested too deep]';
type Container = Record<string, unknown> | unknown[];
interface Limits { text: number; list: number; keys: number }

/** Ever tighter limits for strings, arrays and objects, tried until the event fits. */
const PASSES: Limits[] = [
  { text: 64 * 1024, list: 1000, keys: 1000 },
  { text: 8 * 1024, list: 200, keys: 200 },
  { text: 1024, list: 50, keys: 50 },
  { text: 200, list: 10, keys: 20 },
];
/** What survives the last resort: enough to title, group and find the event. */
const ESSENTIAL = new Set(['event_id', 'timestamp', 'level', 'platform', 'logentry', 'message', 'exception', 'release',
  'environment', 'tags', 'transaction', 'type', 'start_timestamp', 'contexts', 'sdk', 'user', 'fingerprint']);

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;
const isRecord = (v: unknown): v is Record<string, unknown> => isContainer(v) && !Array.isArray(v);
const byteSize = (event: SentryEvent): number => Buffer.byteLength(JSON.stringify(event));

/** Visits every container under `root` (iteratively: any depth is safe) and lets `visit` rewrite its children. */
function walk(root: Container, visit: (node: Container, depth: number) => void): void {
  // Two plain stacks, not one of [node, depth] pairs: every event is walked, and the pairs were
  // most of the walk's time.
  const nodes: Container[] = [root];
  const depths: number[] = [1];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const depth = depths.pop()!;
    visit(node, depth);
    if (Array.isArray(node)) {
      for (const child of node) if (isContainer(child)) { nodes.push(child); depths.push(depth + 1); }
    } else {
      for (const key of Object.keys(node)) {
        const child = node[key];
        if (isContainer(child)) { nodes.push(child); depths.push(depth + 1); }
      }
    }
  }
}

function capDepth(event: SentryEvent): boolean {
  let cut = false;
  walk(event, (node, depth) => {
    if (depth < MAX_DEPTH) return;
    if (Array.isArray(node)) node.forEach((v, i) => { if (isContainer(v)) { node[i] = DEPTH_MARKER; cut = true; } });
    else for (const [k, v] of Object.entries(node)) if (isContainer(v)) { node[k] = DEPTH_MARKER; cut = true; }
  });
  return cut;
}

function valuesOf(v: unknown): unknown[] {
  return isRecord(v) && Array.isArray(v.values) ? v.values : [];
}

/** Every `frames` array of the event's stack traces. */
function frameLists(event: SentryEvent): Record<string, unknown>[] {
  const traces = [...valuesOf(event.exception), ...valuesOf(event.threads)].map((v) => (isRecord(v) ? v.stacktrace : null));
  traces.push(event.stacktrace);
  return traces.filter((t): t is Record<string, unknown> => isRecord(t) && Array.isArray(t.frames));
}

/** Keeps the first and last frames; `frames_omitted` records the cut as Sentry does. */
function trimFrames(event: SentryEvent): void {
  const keep = KEEP_FRAMES_AT_EACH_END;
  for (const trace of frameLists(event)) {
    const frames = trace.frames as unknown[];
    if (frames.length <= 2 * keep) continue;
    trace.frames_omitted = [keep, frames.length - keep];
    trace.frames = [...frames.slice(0, keep), ...frames.slice(frames.length - keep)];
  }
}

function shrink(event: SentryEvent, lim: Limits, exempt: Set<unknown>): void {
  const cut = (v: unknown) => (typeof v === 'string' && v.length > lim.text ? `${v.slice(0, lim.text)}…` : v);
  walk(event, (node) => {
    if (Array.isArray(node)) {
      if (node.length > lim.list && !exempt.has(node)) node.length = lim.list;
      node.forEach((v, i) => { node[i] = cut(v); });
      return;
    }
    const keys = Object.keys(node);
    for (const k of keys.slice(lim.keys)) delete node[k];
    for (const k of keys.slice(0, lim.keys)) node[k] = cut(node[k]);
  });
}

/**
 * Makes an event safe to store and show, in place: values nested deeper than {@link MAX_DEPTH}
 * are replaced, and an event over {@link MAX_EVENT_BYTES} is cut down (breadcrumbs to the last
 * {@link KEEP_BREADCRUMBS}, stacks to their first and last frames, then long strings, arrays and
 * objects) until it fits. Returns whether anything was cut, for the event's `truncated` flag.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/#size-limits
 */
export function trimEvent(event: SentryEvent, itemBytes: number): boolean {
  const deep = capDepth(event);
  if (itemBytes <= MAX_EVENT_BYTES || byteSize(event) <= MAX_EVENT_BYTES) return deep;
  const crumbs = valuesOf(event.breadcrumbs);
  if (crumbs.length > KEEP_BREADCRUMBS) event.breadcrumbs = { values: crumbs.slice(-KEEP_BREADCRUMBS) } as SentryEvent['breadcrumbs'];
  trimFrames(event);
  const exempt = new Set<unknown>([valuesOf(event.breadcrumbs), ...frameLists(event).map((t) => t.frames)]);
  for (const lim of PASSES) {
    if (byteSize(event) <= MAX_EVENT_BYTES) return true;
    shrink(event, lim, exempt);
  }
  if (byteSize(event) <= MAX_EVENT_BYTES) return true;
  for (const key of Object.keys(event)) if (!ESSENTIAL.has(key)) delete event[key as keyof SentryEvent];
  shrink(event, { text: 100, list: 5, keys: 10 }, new Set());
  return true;
}
