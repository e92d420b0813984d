import type { ProfileJson } from './profile-answer';

/** Answers kept: a profile view is reopened, or a few of one trace compared. */
export const PROFILE_CACHE_ENTRIES = 8;
/** Their bytes in all; a 500,000-sample chunk over 4 threads answers ~12 MB. */
export const PROFILE_CACHE_BYTES = 48 * 1024 * 1024;

interface Entry { answer: ProfileJson; itemSeqs: readonly number[] }

/**
 * Aggregated profile answers by the items read and how they were read (the key), least recently
 * used dropped first past a count or a byte budget. Items never change once stored and their
 * seqs are never given again, so an entry only goes stale when its items are deleted:
 * {@link ProfileCache.dropDeleted} lets those go.
 */
export class ProfileCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(readonly maxEntries = PROFILE_CACHE_ENTRIES, readonly budget = PROFILE_CACHE_BYTES) {}

  get(key: string): ProfileJson | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Re-inserting moves the entry to the young end of the Map's insertion order.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.answer;
  }

  set(key: string, answer: ProfileJson, itemSeqs: readonly number[]): void {
    this.delete(key);
    if (answer.json.byteLength > this.budget) return;
    this.entries.set(key, { answer, itemSeqs });
    this.bytes += answer.json.byteLength;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.budget && this.entries.size <= this.maxEntries) break;
      this.delete(oldest);
    }
  }

  /** Drops every entry that read an item `exists` no longer finds. */
  dropDeleted(exists: (seq: number) => boolean): void {
    for (const [key, entry] of [...this.entries]) {
      if (!entry.itemSeqs.every(exists)) this.delete(key);
    }
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.answer.json.byteLength;
  }

  /** Bytes held now. */
  get size(): number { return this.bytes; }

  /** Answers held now. */
  get count(): number { return this.entries.size; }
}
