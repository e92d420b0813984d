/**
 * The Stream view's feed: every stored item plus rejected requests, newest first. Loaded once,
 * then kept current by SSE `item` and `rejected` messages.
 */
import type { EnvelopeRecord, ItemSummary } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import type { SliceCreator } from './types';

export type StreamEntry =
  | { key: string; kind: 'item'; received: number; item: ItemSummary }
  | { key: string; kind: 'rejected'; received: number; envelope: EnvelopeRecord };

const PAGE = 200;
/** Live entries beyond this are dropped from memory (oldest first); paging reloads them. */
const MAX_ENTRIES = 50_000;

export function itemEntry(item: ItemSummary): StreamEntry {
  return { key: `i${item.seq}`, kind: 'item', received: item.received, item };
}

export function rejectedEntry(envelope: EnvelopeRecord): StreamEntry {
  return { key: `r${envelope.id}`, kind: 'rejected', received: envelope.received, envelope };
}

/** Merges two newest-first lists, dropping duplicate keys. */
function mergeNewestFirst(a: StreamEntry[], b: StreamEntry[]): StreamEntry[] {
  const seen = new Set<string>();
  return [...a, ...b]
    .filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)))
    .sort((x, y) => y.received - x.received);
}

export interface StreamSlice {
  streamEntries: StreamEntry[];
  streamCursor: string | null;
  streamLoaded: boolean;
  streamLoading: boolean;
  streamError: string | null;
  loadStream: () => Promise<void>;
  loadMoreStream: () => Promise<void>;
  pushStreamEntry: (entry: StreamEntry) => void;
  /**
   * Deleted issues took their events' envelopes with them: every entry of those envelopes goes
   * (the store may hand their `seq` out again).
   */
  dropStreamEntriesOf: (issueIds: readonly number[]) => void;
}

export const createStreamSlice: SliceCreator<StreamSlice> = (set, get) => ({
  streamEntries: [],
  streamCursor: null,
  streamLoaded: false,
  streamLoading: false,
  streamError: null,

  loadStream: async () => {
    set({ streamLoading: true, streamError: null });
    try {
      const [items, rejected] = await Promise.all([
        api().items({ limit: PAGE }),
        api().rejectedEnvelopes({ limit: PAGE }).catch(() => ({ items: [] as EnvelopeRecord[], nextCursor: null })),
      ]);
      const loaded = [...items.items.map(itemEntry), ...rejected.items.map(rejectedEntry)];
      set((s) => ({
        streamEntries: mergeNewestFirst(s.streamEntries, loaded),
        streamCursor: items.nextCursor, streamLoaded: true, streamLoading: false,
      }));
    } catch (err) {
      set({ streamLoading: false, streamError: messageOf(err) });
    }
  },

  loadMoreStream: async () => {
    const { streamCursor, streamLoading } = get();
    if (!streamCursor || streamLoading) return;
    set({ streamLoading: true });
    try {
      const page = await api().items({ limit: PAGE, before: streamCursor });
      set((s) => ({
        streamEntries: mergeNewestFirst(s.streamEntries, page.items.map(itemEntry)),
        streamCursor: page.nextCursor, streamLoading: false,
      }));
    } catch (err) {
      set({ streamLoading: false, streamError: messageOf(err) });
    }
  },

  dropStreamEntriesOf: (issueIds) => set((s) => {
    const issues = new Set(issueIds);
    const envelopes = new Set(s.streamEntries.flatMap((e) => (e.kind === 'item' && e.item.issueId !== null && issues.has(e.item.issueId) ? [e.item.envelopeId] : [])));
    if (envelopes.size === 0) return s;
    return { streamEntries: s.streamEntries.filter((e) => e.kind !== 'item' || !envelopes.has(e.item.envelopeId)) };
  }),

  pushStreamEntry: (entry) => set((s) => {
    if (s.streamEntries[0]?.key === entry.key) return s;
    const next = [entry, ...s.streamEntries];
    return { streamEntries: next.length > MAX_ENTRIES ? next.slice(0, MAX_ENTRIES) : next };
  }),
});
