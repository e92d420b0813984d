/**
 * Reads the fields Lookout lists and links replays by from a `replay_event` item.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/#replay-event-item
 */
import { isRecord } from './rrweb-normalize';
import { browserFromUserAgent, osFromUserAgent } from './user-agent';
import type { ReplaySummary } from '../../shared/api-replay';

/** What a replay event says about its session, as the replay list shows it. */
type SessionFacts = Pick<ReplaySummary, 'browser' | 'os' | 'sdk' | 'user' | 'environment' | 'release'>;

export interface ReplayEventInfo extends SessionFacts {
  replayId: string;
  /** `session` or `buffer` as sent; other strings are passed through. */
  replayType: string | null;
  segmentId: number | null;
  urls: string[];
  traceIds: string[];
  errorIds: string[];
  /** `replay_start_timestamp` (first segment only) in epoch ms. */
  startMs: number | null;
  timestampMs: number | null;
}

/** Bounds so one hostile event cannot make us copy megabytes of ids. */
const MAX_LIST_ENTRIES = 1000;
const MAX_STRING = 2048;

/**
 * Returns null when `json` is not an object or has no usable replay id. The id is taken from
 * `replay_id`, else the envelope's `event_id`, else the payload's `event_id`; 32-hex and UUID
 * forms are normalised to 32 lowercase hex characters.
 */
export function readReplayEvent(json: unknown, envelopeEventId?: string): ReplayEventInfo | null {
  if (!isRecord(json)) return null;
  const replayId = pickId(json.replay_id, envelopeEventId, json.event_id);
  if (replayId === null) return null;
  const contexts = isRecord(json.contexts) ? json.contexts : {};
  const userAgent = findUserAgent(json.request);
  return {
    replayId,
    replayType: str(json.replay_type),
    segmentId: typeof json.segment_id === 'number' && Number.isSafeInteger(json.segment_id) && json.segment_id >= 0 ? json.segment_id : null,
    urls: strList(json.urls),
    traceIds: strList(json.trace_ids),
    errorIds: strList(json.error_ids),
    startMs: timeMs(json.replay_start_timestamp),
    timestampMs: timeMs(json.timestamp),
    browser: nameVersion(contexts.browser) ?? (userAgent ? browserFromUserAgent(userAgent) : null),
    os: nameVersion(contexts.os) ?? (userAgent ? osFromUserAgent(userAgent) : null),
    sdk: nameVersion(json.sdk),
    user: userLabel(json.user),
    environment: str(json.environment),
    release: str(json.release),
  };
}

function pickId(...candidates: unknown[]): string | null {
  const strings = candidates.filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  for (const candidate of strings) {
    const hex = candidate.trim().replaceAll('-', '').toLowerCase();
    if (hex.length === 32 && isHex(hex)) return hex;
  }
  // No well-formed id anywhere: still accept a short opaque one rather than lose the replay.
  const fallback = strings[0]?.trim();
  return fallback && fallback.length <= 64 ? fallback : null;
}

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) return false;
  }
  return true;
}

/** Sentry timestamps are float seconds or RFC 3339 strings; a number already in ms is kept. */
function timeMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value >= 1e11 ? value : Math.round(value * 1000);
  if (typeof value === 'string' && value.length <= 64) {
    const numeric = Number(value);
    if (value.trim() !== '' && Number.isFinite(numeric)) return timeMs(numeric);
    const parsed = Date.parse(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, MAX_STRING) : null;
}

function strList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value.slice(0, MAX_LIST_ENTRIES)) {
    const text = str(item);
    if (text !== null) out.push(text);
  }
  return out;
}

function nameVersion(value: unknown): string | null {
  if (!isRecord(value)) return null;
  const name = str(value.name);
  if (name === null) return null;
  const version = str(value.version);
  return version ? `${name} ${version}` : name;
}

function userLabel(value: unknown): string | null {
  if (!isRecord(value)) return null;
  for (const key of ['email', 'username', 'name', 'id', 'ip_address']) {
    const field = value[key];
    if (typeof field === 'number' && Number.isFinite(field)) return String(field);
    const text = str(field);
    if (text !== null) return text;
  }
  return null;
}

/** `request.headers` is an object or, after Relay normalisation, a list of [name, value] pairs. */
function findUserAgent(request: unknown): string | null {
  if (!isRecord(request)) return null;
  const headers = request.headers;
  const entries: unknown[] = Array.isArray(headers) ? headers.slice(0, 200) : isRecord(headers) ? Object.entries(headers) : [];
  for (const entry of entries) {
    if (!Array.isArray(entry)) continue;
    const [name, value] = entry as unknown[];
    if (typeof name === 'string' && name.toLowerCase() === 'user-agent') return str(value);
  }
  return null;
}
