import type { SpotlightStream } from './spotlight-stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readAuth } from './auth';
import { clientAddress } from './client-address';
import { applyIngestCors } from './cors';
import { BodyError, decodeBuffer, decodeSmall, gunzipSmall, gzipDeclaresLarge, readBody } from './decompress';
import type { LargeRequestGate } from './large-request-gate';
import { localHostPort, parseProjectId, unknownPathDetail, type RouteMatch } from './routes';
import { securityRequestOf, securityRouteQuery } from './security-request';
import { BodyNeedsStreaming, type PoolInput, type PoolOutcome } from '../pipeline/prepare-protocol';
import type { EnvelopePlan, RequestRecord } from '../pipeline/types';
import type { PlanResult } from '../store/plan-writer';
import { rememberGzip } from '../store/codec';

export interface IngestDeps {
  maxBodyBytes: number;
  /**
   * Parses, normalises, symbolicates and groups a decoded request: on the prepare worker, or on
   * this thread while the worker is not up or is full (see PreparePool.run).
   */
  prepare(input: PoolInput): Promise<PoolOutcome>;
  /** Commits the plan (group commit) and resolves after the commit. */
  commit(plan: EnvelopePlan): Promise<PlanResult>;
  recordRejected(req: RequestRecord, status: number, reason: string): Promise<void>;
  /** Lets one request with a large body at a time through (see large-request-gate.ts). */
  largeRequests: LargeRequestGate;
  /** Spotlight's `GET /stream` of accepted envelopes. */
  spotlight?: SpotlightStream;
}

/** A 1×1 transparent GIF, what Relay answers to `GET /store/`. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  if (status >= 400) res.setHeader('x-sentry-error', String((body as { detail?: string }).detail ?? '').slice(0, 200).replace(/[^\x20-\x7e]/g, '?'));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** SQLite's and the OS's ways of saying the disk (or the database's size cap) is full. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'ENOSPC';
}

export const DISK_FULL_DETAIL = 'Lookout cannot store this: the disk is full. Free some space; Lookout recovers by itself.';
/** What a client is told of an unexpected error; the stack goes to the log. */
export const INTERNAL_ERROR_DETAIL = 'internal error in Lookout; its log has the details';

/** A body as read: decoded, or (`gzipped`) the gzip bytes as sent, left for `prepare` to inflate. */
interface ReadBody { body: Buffer; gzipped: boolean; release: (() => void) | null }

/**
 * The body with its Content-Encoding undone. The bytes are read as sent first. A small gzip body
 * (what SDKs send) is left as it is: `prepare` inflates it on the worker, and its bytes are kept
 * for the store, which then need not compress it again. Another small body is decoded in one
 * call: setting up a streaming decoder costs more than the inflate itself. A large one (past a
 * megabyte, plain or decoded) waits for its turn at `gate` and is streamed; `release` ends that
 * turn. A body that cannot be decoded is kept as sent with its rejection.
 */
async function readRequestBody(req: IncomingMessage, maxBytes: number, gate: LargeRequestGate): Promise<ReadBody> {
  const encoding = req.headers['content-encoding'];
  const raw = await readBody(req, undefined, maxBytes);
  if (isPlainGzip(encoding) && raw.length > 0 && raw.length <= maxBytes && !gzipDeclaresLarge(raw, maxBytes)) {
    return { body: raw, gzipped: true, release: null };
  }
  return decodeRead(raw, encoding, maxBytes, gate);
}

const isPlainGzip = (encoding: string | undefined): boolean => encoding?.trim().toLowerCase() === 'gzip';

/** `raw` decoded here: in one call when small, else streamed in its turn at `gate`. */
async function decodeRead(raw: Buffer, encoding: string | undefined, maxBytes: number, gate: LargeRequestGate, inOneCall = true): Promise<ReadBody> {
  let release: (() => void) | null = null;
  try {
    const decoded = inOneCall ? decodeSmall(raw, encoding, maxBytes) : null;
    if (decoded) {
      if (decoded !== raw && isPlainGzip(encoding)) rememberGzip(decoded, raw);
      return { body: decoded, gzipped: false, release };
    }
    release = await gate.acquire();
    return { body: await decodeBuffer(raw, encoding, maxBytes), gzipped: false, release };
  } catch (err) {
    release?.();
    // Bytes that could not be read are kept as sent; past the size cap only their count is.
    if (err instanceof BodyError) {
      if (err.status === 413) err.receivedBytes = raw.length;
      else err.raw = raw;
    }
    throw err;
  }
}

/**
 * One ingest request, as Relay answers it: 200 with the event id only after the commit,
 * 400 naming what is wrong, 413 over the size cap, 503 when the disk is full. Never 429.
 * @see https://develop.sentry.dev/sdk/overview/
 */
export async function handleIngest(req: IncomingMessage, res: ServerResponse, url: URL, match: RouteMatch, deps: IngestDeps): Promise<void> {
  if (req.method === 'GET' && match.route === 'stream' && deps.spotlight) { deps.spotlight.subscribe(req, res, url); return; }
  applyIngestCors(res);
  if (req.method === 'OPTIONS') { res.writeHead(200, { 'content-length': '0' }); res.end(); return; }
  if (req.method === 'GET' && match.route === 'store') {
    res.writeHead(200, { 'content-type': 'image/gif', 'content-length': PIXEL.length }); res.end(PIXEL); return;
  }
  if (req.method !== 'POST') { send(res, 405, { detail: `method ${req.method} not allowed on ${match.route}` }); return; }
  const received = Date.now();
  const headers = flatHeaders(req);
  const auth = readAuth(req.headers, url.searchParams);
  const request: RequestRecord = {
    // A CSP report's release and environment are in its query: kept, so the stored report reads as it did.
    received, route: `${match.route} ${url.pathname}${match.route === 'security' ? securityRouteQuery(url.searchParams) : ''}`, method: 'POST',
    // The URL's project, so a request refused before it is read still counts for it (no project is created for it).
    projectId: parseProjectId(match.projectId),
    client: auth.client, sentryKey: auth.sentryKey, headers, body: Buffer.alloc(0), remoteAddr: clientAddress(req.socket.remoteAddress),
  };
  const reject = async (status: number, detail: string) => {
    await deps.recordRejected(request, status, detail).catch(() => undefined);
    send(res, status, { detail });
  };
  let read: ReadBody;
  try {
    read = await readRequestBody(req, deps.maxBodyBytes, deps.largeRequests);
  } catch (err) {
    if (err instanceof BodyError) {
      req.resume();
      if (err.raw) request.body = err.raw;
      else request.size = sizeSent(req, err);
      return reject(err.status, err.message);
    }
    throw err;
  }
  request.body = read.body;
  try {
    await storeRequest(res, match, deps, request, url, reject, read.gzipped);
  } catch (err) {
    if (!read.gzipped) throw err;
    // Inflated where it was prepared, the body failed as it would have failed here: answered alike.
    if (err instanceof BodyError) {
      if (err.status !== 400) request.size = read.body.length;
      request.body = err.status === 400 ? read.body : EMPTY;
      return reject(err.status, err.message);
    }
    if (err instanceof BodyNeedsStreaming) return storeStreamed(res, match, deps, request, url, reject, read.body);
    throw err;
  } finally {
    read.release?.();
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * The size of a body refused without being kept: what its Content-Length declared (a body cut off at
 * the cap declares more than was read), else the bytes read before it was refused.
 */
function sizeSent(req: IncomingMessage, err: BodyError): number | undefined {
  const declared = Number(req.headers['content-length']);
  const read = err.receivedBytes ?? 0;
  return Number.isSafeInteger(declared) && declared > read ? declared : read || undefined;
}

/** A gzip body that inflated past the one-call limit though its trailer said less: streamed in its turn, as any large body. */
async function storeStreamed(res: ServerResponse, match: RouteMatch, deps: IngestDeps, request: RequestRecord, url: URL,
  reject: (status: number, detail: string) => Promise<void>, raw: Buffer): Promise<void> {
  let read: ReadBody;
  try {
    read = await decodeRead(raw, 'gzip', deps.maxBodyBytes, deps.largeRequests, false);
  } catch (err) {
    if (err instanceof BodyError) {
      if (!err.raw) request.size = raw.length;
      request.body = err.raw ?? EMPTY;
      return reject(err.status, err.message);
    }
    throw err;
  }
  request.body = read.body;
  try {
    await storeRequest(res, match, deps, request, url, reject, false);
  } finally {
    read.release?.();
  }
}

/** Prepares and commits a read request, then answers it. */
async function storeRequest(res: ServerResponse, match: RouteMatch, deps: IngestDeps, request: RequestRecord, url: URL,
  reject: (status: number, detail: string) => Promise<void>, gzipped: boolean): Promise<void> {
  const { received, headers } = request;
  let outcome: PoolOutcome;
  try {
    outcome = await deps.prepare({
      route: match.route, body: request.body, contentType: headers['content-type'] ?? '', received, urlProjectId: match.projectId,
      remoteAddr: request.remoteAddr, ...(gzipped ? { gzip: { maxBytes: deps.maxBodyBytes } } : {}),
      ...(match.route === 'security' ? { security: securityRequestOf(url.searchParams, headers, request.remoteAddr ?? null) } : {}),
    });
  } catch (err) {
    if (err instanceof BodyError || err instanceof BodyNeedsStreaming) throw err;
    // A bug of Lookout's, not the sender's: the request is still kept (as rejected) to look at, inflated as always.
    if (gzipped) request.body = inflatedForRecord(request.body, deps.maxBodyBytes);
    await deps.recordRejected(request, 500, INTERNAL_ERROR_DETAIL).catch(() => undefined);
    throw err;
  }
  if (outcome.decodedBody) {
    rememberGzip(outcome.decodedBody, request.body);
    request.body = outcome.decodedBody;
  }
  request.projectId = outcome.projectId ?? request.projectId;
  if (!outcome.ok) return reject(outcome.status, outcome.detail);
  if (!request.sentryKey && outcome.dsnKey) request.sentryKey = outcome.dsnKey;
  const plan: EnvelopePlan = { ...outcome.plan, request };
  try {
    await deps.commit(plan);
  } catch (err) {
    if (isDiskFull(err)) return send(res, 503, { detail: DISK_FULL_DETAIL });
    throw err;
  }
  if (match.route === 'minidump') {
    const id = plan.responseId ?? randomUUID().replace(/-/g, '');
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    res.writeHead(200, { 'content-type': 'text/plain' }); res.end(uuid); return;
  }
  send(res, 200, plan.responseId ? { id: plan.responseId } : {});
}

function inflatedForRecord(gzipped: Buffer, maxBytes: number): Buffer {
  try { return gunzipSmall(gzipped, maxBytes) ?? gzipped; } catch { return gzipped; }
}

/** How much of a request to an unknown path is kept with its rejection: enough to see what was sent. */
export const MAX_UNKNOWN_PATH_BODY = 64 * 1024;

/** The first `maxBytes` of a body as sent; the rest is read and dropped, so the answer reaches the client. */
function readHead(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept >= maxBytes) return;
      const part = chunk.subarray(0, maxBytes - kept);
      chunks.push(part);
      kept += part.length;
    });
    const done = () => resolve(Buffer.concat(chunks));
    req.once('end', done);
    req.once('error', done);
    req.once('close', done);
  });
}

/**
 * A request to a path no ingest route serves and that is not the UI's (a POST to `/api/envelope/`,
 * `/1/envelope/`): answered 404 with the URL form to use, as Relay answers an unknown path, and kept
 * as rejected (its first {@link MAX_UNKNOWN_PATH_BODY} bytes), so Stats and the Stream show it.
 * A preflight is let through first, so a browser SDK's request arrives and is told too.
 */
export async function handleUnknownPath(req: IncomingMessage, res: ServerResponse, url: URL, deps: IngestDeps): Promise<void> {
  applyIngestCors(res);
  if (req.method === 'OPTIONS') { res.writeHead(200, { 'content-length': '0' }); res.end(); return; }
  const received = Date.now();
  const auth = readAuth(req.headers, url.searchParams);
  const body = await readHead(req, MAX_UNKNOWN_PATH_BODY);
  const detail = unknownPathDetail(url.pathname, localHostPort(req.socket));
  const request: RequestRecord = {
    received, route: `unknown ${url.pathname.slice(0, 500)}`, method: (req.method ?? 'POST').slice(0, 20), projectId: null,
    client: auth.client, sentryKey: auth.sentryKey, headers: flatHeaders(req), body, remoteAddr: clientAddress(req.socket.remoteAddress),
  };
  await deps.recordRejected(request, 404, detail).catch(() => undefined);
  send(res, 404, { detail });
}
