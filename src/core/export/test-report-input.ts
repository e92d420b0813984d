/**
 * Test support: a `ReportInput` built from REAL SDK output. @sentry/node 11 captures errors
 * in-process (its envelopes are kept by an in-memory transport, so nothing leaves the process),
 * the replay is the real @sentry/browser recording in test/fixtures/replay, and the image
 * attachment is the JPEG of a corpus envelope. Secrets are seeded where SDKs put them.
 * The secret values are declared far from every line that runs in a captured stack, so source
 * context lines never show them literally.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as Sentry from '@sentry/node';
import type { AttachmentInfo, EventDetail, IssueDetail } from '../../shared/api-types';
import type { SentryEvent } from '../../shared/sentry';
import { parseEnvelope } from '../ingest/envelope';
import { assembleReplay, decodeSegmentBody, splitRecordingPayload } from '../replay';
import type { ReportAttachment, ReportInput, ReportReplay } from './report-input';

export const SECRETS = {
  password: 'hunter2-Pa55word',
  bearer: 'abc123secret',
  card: '4111 1111 1111 1111',
  cookie: 'c00kie-val-9f3k',
  token: 'tok-q8w7e6r5',
  sessionTag: 'sess-secret-77',
} as const;

/** Hostile markup put into event strings; HTML output must show it as text. */
export const HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';

const REPLAY_FIXTURE = new URL('../../../test/fixtures/replay/browser-replay-envelope.bin', import.meta.url);
/** The shared protocol corpus (next to the repository), see its README. */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus/protocol/spotlight/', import.meta.url));
const IMAGE_FIXTURE = `${CORPUS_DIR}attachments_envelope_with_image.txt`;
export const REPLAY_ENVELOPE_ID = 900;

/** Envelopes the SDK sent for error events, in capture order. */
let capture: Promise<Buffer[]> | null = null;

/**
 * Captures `count` events of the same error once per process. @sentry/node 11 already masks
 * Authorization/Cookie request headers and `token` query values itself; older SDKs and other
 * platforms do not, so `beforeSend` puts them back the way such SDKs send them (the envelope,
 * which is what Lookout stores, then carries them too).
 */
function captureOnce(count: number): Promise<Buffer[]> {
  capture ??= (async () => {
    const sent: Buffer[] = [];
    Sentry.init({
      dsn: 'http://k@127.0.0.1:1/1',
      release: 'shop@2.4.0',
      environment: 'staging',
      integrations: (defaults) => defaults.filter((i) => i.name !== 'Dedupe'),
      transport: (options) => Sentry.createTransport(options, async (request) => {
        const body = Buffer.from(request.body);
        if (parseEnvelope(body).items.some((item) => item.headers.type === 'event')) sent.push(body);
        return { statusCode: 200 };
      }),
      beforeSend(event) {
        const request = event.request ?? {};
        event.request = {
          ...request,
          url: `${request.url ?? ''}&token=${SECRETS.token}`,
          headers: { ...request.headers, Authorization: `Bearer ${SECRETS.bearer}`, Cookie: `sid=${SECRETS.cookie}` },
          cookies: { sid: SECRETS.cookie },
        };
        return event;
      },
    });
    for (let i = 0; i < count; i++) Sentry.withIsolationScope(() => checkout(i));
    await Sentry.flush(5000);
    return sent;
  })();
  return capture;
}

function checkout(attempt: number): void {
  const now = Date.now() / 1000;
  const crumbs: Sentry.Breadcrumb[] = [
    { category: 'navigation', data: { from: '/', to: '/cart' } },
    { category: 'ui.click', message: 'button#pay' },
    { type: 'http', category: 'fetch', data: { method: 'POST', url: `https://api.shop.test/pay?token=${SECRETS.token}&attempt=${attempt}`, status_code: 402 } },
    { category: 'console', level: 'warning', message: `login with password=${SECRETS.password}` },
    { category: 'console', message: HOSTILE },
  ];
  for (let k = 0; k < 20; k++) Sentry.addBreadcrumb({ category: 'app', message: `step ${k}`, timestamp: now - 30 + k });
  crumbs.forEach((c, k) => Sentry.addBreadcrumb({ ...c, timestamp: now - 5 + k }));
  const scope = Sentry.getIsolationScope();
  scope.setSDKProcessingMetadata({ normalizedRequest: {
    method: 'POST', url: `https://shop.test/api/checkout?attempt=${attempt}`, query_string: `attempt=${attempt}`,
    headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', host: 'shop.test' },
    data: JSON.stringify({ sku: 'ABC-1', qty: 2, card: SECRETS.card }),
  } });
  Sentry.setUser({ id: 'user-42', email: 'jane@shop.test', ip_address: '203.0.113.9' });
  Sentry.setTag('feature', 'checkout');
  Sentry.setTag('session_id', SECRETS.sessionTag);
  Sentry.setExtra('password', SECRETS.password);
  Sentry.setExtra('cart', { items: 3, total: 129.5 });
  Sentry.setContext('replay', { replay_id: replayFixture().replayId });
  Sentry.setContext('order', { id: 1001, currency: 'EUR', card: SECRETS.card });
  scope.addAttachment({ filename: 'checkout.log', data: `POST /pay\npassword=${SECRETS.password}\n` });
  try {
    chargeCard();
  } catch (err) {
    Sentry.captureException(err);
  }
}

function chargeCard(): void {
  try {
    JSON.parse(HOSTILE);
  } catch (cause) {
    throw new Error(`Payment failed for card ${SECRETS.card}`, { cause });
  }
}

/** The real browser replay: its envelope, normalized events and the recording as sent. */
export function replayFixture(): { replayId: string; envelope: Buffer; recording: Buffer } {
  const envelope = readFileSync(REPLAY_FIXTURE);
  const parsed = parseEnvelope(envelope);
  const item = parsed.items.find((i) => i.headers.type === 'replay_recording');
  if (!item) throw new Error('replay fixture has no replay_recording item');
  return { replayId: String(parsed.headers.event_id), envelope, recording: Buffer.from(item.payload) };
}

async function replayInput(): Promise<ReportReplay> {
  const { replayId, recording } = replayFixture();
  const split = splitRecordingPayload(recording);
  const decoded = await decodeSegmentBody(split.body);
  const events = assembleReplay([{ segmentId: split.segmentId ?? 0, decoded }]).events;
  return { replayId, events: events.map((e) => ({ type: e.type, timestamp: e.timestamp, data: e.data })), segments: [{ segmentId: 0, data: recording }] };
}

function imageAttachment(eventId: string): ReportAttachment {
  const item = parseEnvelope(readFileSync(IMAGE_FIXTURE)).items.find((i) => i.headers.type === 'attachment');
  if (!item) throw new Error('image fixture has no attachment');
  const data = Buffer.from(item.payload);
  return { info: attachmentInfo(2, eventId, String(item.headers.filename), String(item.headers.content_type), data), data };
}

function attachmentInfo(id: number, eventId: string | null, filename: string, contentType: string, data: Buffer): AttachmentInfo {
  return { id, eventId, filename, contentType, attachmentType: 'event.attachment', size: data.length, truncated: false };
}

function toEventDetail(e: SentryEvent, envelopeId: number, attachments: AttachmentInfo[]): EventDetail {
  const raw = e as Record<string, unknown>;
  const tags = raw.tags && typeof raw.tags === 'object' ? Object.entries(raw.tags as Record<string, string>) : [];
  const payload = { ...e, tags, breadcrumbs: { values: Array.isArray(raw.breadcrumbs) ? raw.breadcrumbs : [] } } as SentryEvent;
  const main = e.exception?.values?.at(-1);
  return {
    eventId: e.event_id ?? '', projectId: 1, issueId: 1, kind: 'event', timestamp: (e.timestamp ?? 0) * 1000,
    received: (e.timestamp ?? 0) * 1000 + 3, level: String(e.level ?? 'error'), platform: e.platform ?? null,
    release: e.release ?? null, environment: e.environment ?? null, title: `${main?.type}: ${main?.value}`, culprit: 'chargeCard',
    userKey: 'id:user-42', traceId: String(e.contexts?.trace?.trace_id ?? ''), replayId: String(e.contexts?.replay?.replay_id ?? ''),
    duplicates: 0, envelopeId, payload, attachments, grouping: null, nav: null, truncated: false,
  };
}

/** The full input: `count` real events (newest first), their envelopes, attachments and the replay. */
export async function realReportInput(count = 12): Promise<ReportInput> {
  const sent = await captureOnce(count);
  const rawEnvelopes = new Map<number, Buffer>();
  const details: EventDetail[] = [];
  const attachments: ReportAttachment[] = [];
  sent.forEach((envelope, i) => {
    const { headers, items } = parseEnvelope(envelope);
    const eventItem = items.find((it) => it.headers.type === 'event');
    if (!eventItem) throw new Error('captured envelope without an event');
    const eventId = String(headers.event_id);
    rawEnvelopes.set(i + 1, envelope);
    const file = items.find((it) => it.headers.type === 'attachment');
    const info = file ? [attachmentInfo(100 + i, eventId, String(file.headers.filename), String(file.headers.content_type ?? 'text/plain'), file.payload)] : [];
    if (file && info[0]) attachments.push({ info: info[0], data: Buffer.from(file.payload) });
    details.push(toEventDetail(JSON.parse(eventItem.payload.toString('utf8')) as SentryEvent, i + 1, info));
  });
  details.reverse();
  const featured = details[0];
  if (!featured) throw new Error('no events were captured');
  attachments.push(imageAttachment(featured.eventId));
  rawEnvelopes.set(REPLAY_ENVELOPE_ID, replayFixture().envelope);
  return {
    issue: issueOf(details), events: details, rawEnvelopes, attachments, replay: await replayInput(),
    generatedAt: Date.UTC(2026, 0, 2, 3, 4, 5), lookoutVersion: '0.1.0-test',
  };
}

function issueOf(events: EventDetail[]): IssueDetail {
  const times = events.map((e) => e.timestamp);
  const featured = events[0];
  return {
    id: 1, projectId: 1, title: featured?.title ?? '', culprit: 'chargeCard', level: 'error', type: 'error', status: 'unresolved',
    regressed: false, regressedInRelease: null, firstSeen: Math.min(...times), lastSeen: Math.max(...times), count: events.length,
    users: 1, firstRelease: 'shop@2.4.0', lastRelease: 'shop@2.4.0', environments: ['staging'],
    sparkline: [...new Array<number>(23).fill(0), events.length], latestEventId: featured?.eventId ?? null, ignoreUntilCount: null,
    tags: [
      { key: 'feature', total: events.length, values: [{ value: 'checkout', count: events.length, percent: 100 }] },
      { key: 'session_id', total: events.length, values: [{ value: SECRETS.sessionTag, count: events.length, percent: 100 }] },
    ],
  };
}
