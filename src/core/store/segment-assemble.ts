/**
 * A stored streamed segment put together again: every envelope item that holds spans of it
 * (`span_segments`, migration 026) is read back from its stored request, and its spans of the
 * segment kept once each (a resent envelope repeats them), as Sentry's span buffer assembles a
 * segment from the spans it got, in any order, before its segments consumer detects problems.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/buffer.py
 */
import { parseEnvelope, type Envelope } from '../ingest/envelope';
import { toEpochMs } from '../ingest/timestamps';
import { parseItemJson } from '../pipeline/prepare-event';
import { segmentGroups } from '../pipeline/prepare-segments';
import { spanItemSources } from '../pipeline/span-sources';
import { MAX_ITEM_SPANS } from '../pipeline/prepare-event';
import { StoredBodyError } from './body-dictionary';
import type { DB } from './db';
import { envelopeBody } from './event-payload';

/** A segment of a project's trace, named by its root span. */
export interface SegmentKey { projectId: number; traceId: string; segmentId: string }

/** Parts read per segment: an SDK flushes at most 1,000 spans per envelope, so this covers the spans a segment keeps. */
const MAX_PARTS = 64;

export interface AssembledSegment {
  root: unknown;
  children: unknown[];
  /** Where the root came: its problems' rows are stored with that item (retention removes them with it). */
  envelopeId: number;
  itemIndex: number;
  received: number;
}

const startOf = (span: unknown): number => toEpochMs((span as { start_timestamp?: unknown }).start_timestamp) ?? 0;

interface Part { envelope_id: number; item_index: number; has_root: number; received: number }

/** The spans of stored item `itemIndex` of envelope `envelopeId`, as prepare read them; none when it cannot be read. */
export function storedItemSpans(db: DB): (envelopeId: number, itemIndex: number) => unknown[] {
  return (envelopeId, itemIndex) => {
    let body: Buffer | null = null;
    try { body = envelopeBody(db, envelopeId); } catch (err) { if (!(err instanceof StoredBodyError)) throw err; }
    const item = body ? parseEnvelope(body).items[itemIndex] : undefined;
    if (!item || String(item.headers.type) !== 'span') return [];
    try { return spanItemSources(parseItemJson(item, itemIndex)); } catch { return []; }
  };
}

export function segmentAssembler(db: DB) {
  const partsOf = db.prepare(`SELECT s.envelope_id, s.item_index, s.has_root, e.received FROM span_segments s
    JOIN envelopes e ON e.id = s.envelope_id
    WHERE s.trace_id = ? AND s.segment_id = ? AND s.project_id = ? ORDER BY s.id LIMIT ${MAX_PARTS}`);

  /** A stored request's envelope, parsed once per assembly however many of its items hold the segment. */
  function envelopeOf(envelopeId: number, read: Map<number, Envelope | null>): Envelope | null {
    if (read.has(envelopeId)) return read.get(envelopeId) ?? null;
    let envelope: Envelope | null = null;
    try {
      const body = envelopeBody(db, envelopeId);
      envelope = body ? parseEnvelope(body) : null;
    } catch (err) { if (!(err instanceof StoredBodyError)) throw err; }
    read.set(envelopeId, envelope);
    return envelope;
  }

  /** The spans of one stored item, as prepare read them; none when its body can no longer be read. */
  function itemSpans(envelope: Envelope | null, itemIndex: number): unknown[] {
    const item = envelope?.items[itemIndex];
    if (!item) return [];
    try { return spanItemSources(parseItemJson(item, itemIndex)); } catch { return []; }
  }

  /** Segment `key` from every stored part, its root's first; null while its root has not been stored (or is unreadable). */
  return function assemble(key: SegmentKey): AssembledSegment | null {
    const parts = partsOf.all(key.traceId, key.segmentId, key.projectId) as Part[];
    let found: AssembledSegment | null = null;
    const children: unknown[] = [];
    const seen = new Set<string>();
    const read = new Map<number, Envelope | null>();
    let contributing = 0;
    for (const part of parts) {
      const group = segmentGroups(itemSpans(envelopeOf(part.envelope_id, read), part.item_index))
        .find((g) => g.traceId === key.traceId && g.segmentId === key.segmentId);
      if (!group) continue;
      contributing++;
      if (group.root && !found) found = { root: group.root, children, envelopeId: part.envelope_id, itemIndex: part.item_index, received: part.received };
      for (const span of group.children) {
        const id = (span as { span_id?: unknown }).span_id;
        const spanKey = typeof id === 'string' ? id : `#${children.length}`;
        if (seen.has(spanKey) || children.length >= MAX_ITEM_SPANS) continue;
        seen.add(spanKey);
        children.push(span);
      }
    }
    // Parts come in any order (a small last part often overtakes a large first one): the spans of
    // several go in the order they started, as Sentry's consumer orders a segment's tree.
    if (found && contributing > 1) children.sort((a, b) => startOf(a) - startOf(b));
    return found;
  };
}
