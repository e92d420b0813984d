/** A dictionary's plain bytes with the CRC-32 its table row records for them. */
export interface CachedDictionary { bytes: Buffer; crc: number }

/**
 * Dictionaries by id, least recently used dropped first once their bytes pass a budget. An entry
 * is used only while its CRC matches the row's, so the cache can never stand in for other bytes
 * (say an id taken again after a rolled-back insert).
 */
export class DictionaryCache {
  private readonly entries = new Map<number, CachedDictionary>();
  private bytes = 0;

  constructor(readonly budget: number) {}

  get(id: number): CachedDictionary | undefined {
    const hit = this.entries.get(id);
    if (hit) {
      // Re-inserting moves the entry to the young end of the Map's insertion order.
      this.entries.delete(id);
      this.entries.set(id, hit);
    }
    return hit;
  }

  set(id: number, entry: CachedDictionary): void {
    this.delete(id);
    if (entry.bytes.length > this.budget) return;
    this.entries.set(id, entry);
    this.bytes += entry.bytes.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= old.bytes.length;
    }
  }

  delete(id: number): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    this.bytes -= old.bytes.length;
  }

  /** Plain bytes held now. */
  get size(): number { return this.bytes; }

  /** Dictionaries held now. */
  get count(): number { return this.entries.size; }
}
