/**
 * Reads a `lookout-bundle/1` file back for import. Everything is checked before it is returned:
 * a bundle is a file a user picked, possibly edited, truncated or from another tool.
 * @see ../../../docs/bundle-format.md for the format
 */
import { constants } from 'node:buffer';
import type { AttachmentInfo, EventDetail, IssueDetail } from '../../shared/api-types';
import type { ParsedBundle, ReportAttachment, ReportReplay } from './report-input';
import {
  arr, base64, base64OrNull, bool, BundleError, int, num, numbers, numOrNull, obj, oneOf, str, strings, strOrNull, type Obj,
} from './bundle-check';
import { parseTraceRecords } from './bundle-trace';

export const BUNDLE_FORMAT = 'lookout-bundle/1';
/** The version within `lookout-bundle/1`: 2 added `formatVersion`, `about` and `traceRecords` (readers of 1 ignore them). */
export const BUNDLE_FORMAT_VERSION = 2;
/** Written into every bundle, so whoever receives the file knows what it is and where its format is described. */
export const BUNDLE_ABOUT = 'A bug report exported by Lookout (a local Sentry-compatible error viewer): one issue with its events, '
  + 'their raw Sentry envelopes, attachments, replay and trace, scrubbed as `scrubRules` says. Import it with `lookout import FILE` or '
  + 'by dropping it on Lookout\'s window; its fields are described in docs/bundle-format.md of the Lookout sources.';
const ISSUE_STATUSES = ['unresolved', 'resolved', 'resolved_next_release', 'ignored'] as const;
const EVENT_KINDS = ['event', 'transaction', 'feedback'] as const;

/** Parses and validates a bundle; throws an Error whose message says what is wrong and where. */
export function parseBundle(buf: Buffer): ParsedBundle {
  if (!Buffer.isBuffer(buf)) throw new BundleError('expected the file contents as bytes');
  if (buf.length === 0) throw new BundleError('the file is empty');
  if (buf.length > constants.MAX_STRING_LENGTH) throw new BundleError(`the file is too large to read (${buf.length} bytes)`);
  let root: unknown;
  try {
    root = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new BundleError(`the file is not JSON (${(err as Error).message})`);
  }
  const top = obj(root, 'the file');
  if (top.format !== BUNDLE_FORMAT) {
    const found = typeof top.format === 'string' ? `"${top.format.slice(0, 60)}"` : 'no format field';
    throw new BundleError(`expected format "${BUNDLE_FORMAT}", found ${found}`);
  }
  const envelopes = arr(top.envelopes, 'envelopes').map((e, i) => {
    const o = obj(e, `envelopes[${i}]`);
    return { id: int(o, 'id', `envelopes[${i}]`), raw: base64(o, 'data', `envelopes[${i}]`) };
  });
  unique(envelopes.map((e) => e.id), 'envelopes', 'id');
  const events = arr(top.events, 'events').map((e, i) => checkEvent(e, `events[${i}]`));
  unique(events.map((e) => e.eventId), 'events', 'eventId');
  return {
    issue: checkIssue(top.issue, 'issue'),
    events,
    envelopes,
    attachments: arr(top.attachments, 'attachments').map((a, i) => checkAttachment(a, `attachments[${i}]`)),
    replay: top.replay === null || top.replay === undefined ? null : checkReplay(top.replay, 'replay'),
    traceRecords: parseTraceRecords(top.traceRecords),
  };
}

function unique<T>(values: T[], where: string, field: string): void {
  const seen = new Set<T>();
  for (const v of values) {
    if (seen.has(v)) throw new BundleError(`${where} holds the ${field} ${String(v)} twice`);
    seen.add(v);
  }
}

function checkIssue(v: unknown, w: string): IssueDetail {
  const o = obj(v, w);
  int(o, 'id', w); int(o, 'projectId', w); str(o, 'title', w); strOrNull(o, 'culprit', w);
  str(o, 'level', w); str(o, 'type', w); oneOf(o, 'status', ISSUE_STATUSES, w); bool(o, 'regressed', w);
  strOrNull(o, 'regressedInRelease', w); num(o, 'firstSeen', w); num(o, 'lastSeen', w);
  num(o, 'count', w); num(o, 'users', w); strOrNull(o, 'firstRelease', w); strOrNull(o, 'lastRelease', w);
  strings(o, 'environments', w); numbers(o, 'sparkline', w); strOrNull(o, 'latestEventId', w);
  numOrNull(o, 'ignoreUntilCount', w);
  // Bundles from before the resolution's release was carried have neither.
  for (const key of ['resolvedInRelease', 'resolvedAfterRelease']) if (o[key] !== undefined) strOrNull(o, key, w);
  arr(o.tags, `${w}.tags`).forEach((t, i) => {
    const tw = `${w}.tags[${i}]`;
    const tag = obj(t, tw);
    str(tag, 'key', tw); num(tag, 'total', tw);
    arr(tag.values, `${tw}.values`).forEach((x, j) => {
      const vw = `${tw}.values[${j}]`;
      const val = obj(x, vw);
      str(val, 'value', vw); num(val, 'count', vw); num(val, 'percent', vw);
    });
  });
  return o as unknown as IssueDetail;
}

function checkEvent(v: unknown, w: string): EventDetail {
  const o = obj(v, w);
  str(o, 'eventId', w); int(o, 'projectId', w); numOrNull(o, 'issueId', w); oneOf(o, 'kind', EVENT_KINDS, w);
  num(o, 'timestamp', w); num(o, 'received', w); int(o, 'envelopeId', w); num(o, 'duplicates', w); str(o, 'title', w);
  for (const k of ['level', 'platform', 'release', 'environment', 'culprit', 'userKey', 'traceId', 'replayId']) strOrNull(o, k, w);
  obj(o.payload, `${w}.payload`);
  // Added to EventDetail after the format was first written: absent means not truncated.
  if (o.truncated === undefined) o.truncated = false;
  bool(o, 'truncated', w);
  arr(o.attachments, `${w}.attachments`).forEach((a, i) => checkAttachmentInfo(a, `${w}.attachments[${i}]`));
  if (o.grouping !== null) {
    const g = obj(o.grouping, `${w}.grouping`);
    str(g, 'config', `${w}.grouping`); strings(g, 'hashes', `${w}.grouping`); arr(g.variants, `${w}.grouping.variants`);
  }
  if (o.nav !== null) {
    const n = obj(o.nav, `${w}.nav`);
    for (const k of ['oldest', 'previous', 'next', 'latest']) strOrNull(n, k, `${w}.nav`);
  }
  return o as unknown as EventDetail;
}

function checkAttachmentInfo(v: unknown, w: string): AttachmentInfo {
  const o = obj(v, w);
  int(o, 'id', w); strOrNull(o, 'eventId', w); str(o, 'filename', w); str(o, 'contentType', w);
  str(o, 'attachmentType', w); num(o, 'size', w); bool(o, 'truncated', w);
  return o as unknown as AttachmentInfo;
}

function checkAttachment(v: unknown, w: string): ReportAttachment {
  const o: Obj = obj(v, w);
  return { info: checkAttachmentInfo(o.info, `${w}.info`), data: base64OrNull(o, 'data', w) };
}

function checkReplay(v: unknown, w: string): ReportReplay {
  const o = obj(v, w);
  const events = arr(o.events, `${w}.events`).map((e, i) => {
    const ev = obj(e, `${w}.events[${i}]`);
    num(ev, 'type', `${w}.events[${i}]`); num(ev, 'timestamp', `${w}.events[${i}]`);
    return ev as ReportReplay['events'][number];
  });
  const segments = arr(o.segments, `${w}.segments`).map((s, i) => {
    const seg = obj(s, `${w}.segments[${i}]`);
    return { segmentId: int(seg, 'segmentId', `${w}.segments[${i}]`), data: base64(seg, 'data', `${w}.segments[${i}]`) };
  });
  const replayEvent = o.replayEvent === undefined || o.replayEvent === null ? null : obj(o.replayEvent, `${w}.replayEvent`);
  return { replayId: str(o, 'replayId', w), events, segments, ...(replayEvent ? { replayEvent } : {}) };
}
