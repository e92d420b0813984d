// The workloads of the benchmark, as envelope texts with slots (see template.mjs):
// (a) ~8 KB browser error, 20 frames + breadcrumbs, 200 stack shapes (and one shape: an error
// loop); (b) ~50 KB Node error;
// (c) a span v2 container with 50 spans; (d) a ~50 KB replay segment.
import { SLOT } from './template.mjs';
import { breadcrumbs, browserContext, rng, rrwebEvents, spanItems, stackShape } from './payload-parts.mjs';

export const SHAPES = 200;
const NOW = Math.floor(Date.now() / 1000);
const BROWSER = 'sentry.javascript.browser%2F11.12.0';
const NODE = 'sentry.javascript.node%2F11.12.0';

const line = (v) => JSON.stringify(v);

function errorEnvelope(shapeIndex, { frames, crumbs, node, context, extraBytes }) {
  const r = rng(0xe4e7 + shapeIndex * 104729 + (node ? 1 : 0));
  const shape = stackShape(shapeIndex, frames, { node, context });
  const traceId = r.hex(32);
  const base = browserContext(r, traceId);
  const event = {
    event_id: SLOT.id(1), timestamp: SLOT.number('ts'), ...base,
    ...(node ? { platform: 'node', server_name: 'api-1', request: { url: 'http://localhost:3000/api/orders', method: 'POST' },
      sdk: { name: 'sentry.javascript.node', version: '11.12.0', integrations: ['Http', 'Express', 'OnUncaughtException'] } } : {}),
    exception: { values: [{ type: shape.type, value: shape.message(r),
      stacktrace: { frames: shape.frames }, mechanism: { type: node ? 'onuncaughtexception' : 'onerror', handled: false } }] },
    breadcrumbs: { values: breadcrumbs(r, crumbs, NOW) },
  };
  if (extraBytes) {
    event.extra = { state: Array.from({ length: Math.ceil(extraBytes / 90) }, (_, i) => ({ key: `field_${i}`, value: r.hex(24), n: r.int(0, 1e6) })) };
  }
  const header = { event_id: SLOT.id(1), sdk: { name: event.sdk.name, version: '11.12.0' },
    trace: { trace_id: traceId, public_key: 'bench', environment: event.environment, release: event.release } };
  return `${line(header)}\n${line({ type: 'event' })}\n${line(event)}`;
}

function spanEnvelope(i) {
  const r = rng(0x5ba5 + i * 31);
  const items = spanItems(r, 50, NOW);
  const header = { sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
    trace: { trace_id: items[0].trace_id, public_key: 'bench', environment: 'production', release: 'api@2.4.1' } };
  return `${line(header)}\n${line({ type: 'span', item_count: 50, content_type: 'application/vnd.sentry.items.span.v2+json' })}\n${line({ items })}`;
}

function replayEnvelope(i) {
  const r = rng(0x7e91 + i * 13);
  const replayEvent = {
    type: 'replay_event', replay_id: SLOT.id(1), event_id: SLOT.id(1), segment_id: SLOT.number('seg'), replay_type: 'session',
    timestamp: SLOT.number('ts'), replay_start_timestamp: NOW - 60, urls: [`https://shop.example.com/${r.pick(['cart', 'checkout', 'search'])}`],
    error_ids: [], trace_ids: [r.hex(32)], platform: 'javascript', environment: 'production', release: 'shop@1.4.2',
    sdk: { name: 'sentry.javascript.react', version: '11.12.0' },
    request: { url: 'https://shop.example.com/cart', headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' } },
    contexts: { replay: { session_sample_rate: 1, error_sample_rate: 1 } },
  };
  const recording = `{"segment_id":${SLOT.number('seg')}}\n${line(rrwebEvents(r, 50_000, NOW * 1000))}`;
  const header = { event_id: SLOT.id(1), sdk: { name: 'sentry.javascript.react', version: '11.12.0' } };
  return `${line(header)}\n${line({ type: 'replay_event' })}\n${line(replayEvent)}\n` +
    `${line({ type: 'replay_recording', length: Buffer.byteLength(recording) })}\n${recording}`;
}

/**
 * @typedef {{ name: string, label: string, unit: string, itemsPerEnvelope: number, client: string,
 *   texts: string[], fill: (seq: number, idPrefix: string) => Record<string, string | number> }} Workload
 */

const idFor = (prefix, seq) => prefix + seq.toString(16).padStart(32 - prefix.length, '0');
const tsNow = () => (Date.now() / 1000).toFixed(3);

/** @returns {Record<string, Workload>} */
export function workloads() {
  const shapes = Array.from({ length: SHAPES }, (_, i) => i);
  return {
    error8k: {
      name: 'error8k', label: '8 KB JS error', unit: 'events', itemsPerEnvelope: 1, client: BROWSER,
      texts: shapes.map((i) => errorEnvelope(i, { frames: 20, crumbs: 31, node: false, context: false })),
      fill: (seq, prefix) => ({ ID1: idFor(prefix, seq), ts: tsNow() }),
    },
    // An app stuck in a loop: the same error over and over, so every event lands in one issue.
    errorloop: {
      name: 'errorloop', label: '8 KB error, one issue (loop)', unit: 'events', itemsPerEnvelope: 1, client: BROWSER,
      texts: [errorEnvelope(7, { frames: 20, crumbs: 31, node: false, context: false })],
      fill: (seq, prefix) => ({ ID1: idFor(prefix, seq), ts: tsNow() }),
    },
    error50k: {
      name: 'error50k', label: '50 KB error', unit: 'events', itemsPerEnvelope: 1, client: NODE,
      texts: shapes.map((i) => errorEnvelope(i, { frames: 40, crumbs: 100, node: true, context: true, extraBytes: 11000 })),
      fill: (seq, prefix) => ({ ID1: idFor(prefix, seq), ts: tsNow() }),
    },
    spans50: {
      name: 'spans50', label: 'span container (50 spans)', unit: 'containers', itemsPerEnvelope: 50, client: NODE,
      texts: Array.from({ length: 50 }, (_, i) => spanEnvelope(i)),
      fill: () => ({}),
    },
    replay50k: {
      name: 'replay50k', label: '50 KB replay segment', unit: 'segments', itemsPerEnvelope: 1, client: BROWSER,
      texts: Array.from({ length: 20 }, (_, i) => replayEnvelope(i)),
      // 50 segments per replay, as a 4-minute session sends them.
      fill: (seq, prefix) => ({ ID1: idFor(prefix, Math.floor(seq / 50)), seg: seq % 50, ts: tsNow() }),
    },
  };
}
