import { readAuth } from '../ingest/auth';
import { EnvelopeError } from '../ingest/envelope';
import { bodyIsEnvelope, RequestError, requestToEnvelope } from '../ingest/request-envelope';
import { parseProjectId, projectIdFromDsn, type IngestRoute } from '../ingest/routes';
import type { SecurityRequest } from '../ingest/security-report';
import { ItemError, prepareEnvelope } from './prepare-envelope';
import type { Symbolicator } from './prepare-event';
import type { EnvelopePlan, RequestRecord } from './types';

/** What preparing a request needs: plain data, so it can be posted to a worker thread. */
export interface RequestInput {
  route: IngestRoute;
  /** The body with its Content-Encoding undone. */
  body: Buffer;
  contentType: string;
  received: number;
  /** The project id in the URL, if the route has one. */
  urlProjectId: string | null;
  /** The client's address, for events that ask for it with `{{auto}}`. */
  remoteAddr?: string | null;
  /** A CSP report's release, environment and browser, from its URL and headers (security route only). */
  security?: SecurityRequest;
}

/** A plan without its request: the HTTP side keeps the request (and its body) and puts it back. */
export type PreparedPlan = Omit<EnvelopePlan, 'request'>;

export type RequestOutcome =
  | { ok: true; plan: PreparedPlan; projectId: number; dsnKey: string | null }
  | { ok: false; status: number; detail: string; projectId: number | null };

const EMPTY = Buffer.alloc(0);

/**
 * Everything between the decoded body and the write: the envelope (or legacy request turned into
 * one), its project, and each item parsed, normalised, symbolicated and grouped. Bad input
 * becomes a 400 outcome naming the problem; nothing here touches the store.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export async function prepareRequest(input: RequestInput, symbolicate: Symbolicator | null): Promise<RequestOutcome> {
  let envelope;
  try {
    envelope = requestToEnvelope(input.route, input.body, input.contentType, input.received, input.security);
  } catch (err) {
    if (err instanceof EnvelopeError || err instanceof RequestError) return { ok: false, status: 400, detail: err.message, projectId: null };
    throw err;
  }
  // Without a project in the path (/stream, /tunnel, the legacy /api/store/) or a DSN in the
  // envelope, project 1: Relay finds it from the key, and here every key is welcome.
  const projectRaw = input.urlProjectId ?? projectIdFromDsn(envelope.headers.dsn) ?? '1';
  const projectId = parseProjectId(projectRaw);
  if (projectId === null) {
    return { ok: false, status: 400, detail: `invalid project id ${JSON.stringify(projectRaw)}: it must be a positive number`, projectId: null };
  }
  const dsnKey = envelope.headers.dsn ? readAuth({}, new URLSearchParams(), envelope.headers.dsn).sentryKey : null;
  const request: RequestRecord = { received: input.received, route: input.route, method: 'POST', projectId, client: null, sentryKey: null,
    headers: {}, body: Buffer.alloc(0), remoteAddr: input.remoteAddr ?? null };
  try {
    // A request turned into an envelope here (legacy store JSON, minidump, CSP report) has no item
    // to re-read its event from: the event is stored processed. An envelope as sent is stored as it
    // came, so its events, attachments and replay segments are read back from their items.
    const fromBody = bodyIsEnvelope(input.route, input.contentType);
    const { request: _stub, ...plan } = await prepareEnvelope(envelope, request, projectId, symbolicate,
      { keepEventPayload: !fromBody, attachmentsInBody: fromBody });
    if (fromBody) for (const segment of plan.replay?.segments ?? []) Object.assign(segment, { data: EMPTY, inEnvelope: true });
    return { ok: true, plan, projectId, dsnKey };
  } catch (err) {
    if (err instanceof ItemError) return { ok: false, status: err.status, detail: err.message, projectId };
    throw err;
  }
}
