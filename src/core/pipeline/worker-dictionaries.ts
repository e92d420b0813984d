import { deflateWithDictionary } from '../store/codec';
import { MAX_DICTIONARY_BODY, MIN_DICTIONARY_BODY, type DictionaryHint } from '../store/body-dictionary-encode';
import type { DeflatedBody } from './types';

const BUDGET = 16 * 1024 * 1024;

/**
 * The body dictionaries the writer told the prepare worker about, by (project, key), so the
 * worker deflates bodies itself (~35 µs each) and the writer only checks the dictionary is still
 * the current one. Least recently taught dropped first past the byte budget.
 */
export class WorkerDictionaries {
  private readonly byKey = new Map<string, DictionaryHint>();
  private bytes = 0;

  learn(hint: DictionaryHint): void {
    const key = `${hint.projectId}\n${hint.key}`;
    this.drop(key);
    this.byKey.set(key, hint);
    this.bytes += hint.bytes.length;
    for (const [oldest] of this.byKey) {
      if (this.bytes <= BUDGET) break;
      this.drop(oldest);
    }
  }

  /** `body` deflated against the dictionary of (project, key), or null when none is known. */
  deflate(projectId: number, key: string, body: Buffer): DeflatedBody | null {
    if (body.length < MIN_DICTIONARY_BODY || body.length > MAX_DICTIONARY_BODY) return null;
    const hint = this.byKey.get(`${projectId}\n${key}`);
    return hint ? { dictId: hint.id, crc: hint.crc, data: deflateWithDictionary(body, hint.bytes) } : null;
  }

  private drop(key: string): void {
    const old = this.byKey.get(key);
    if (!old) return;
    this.bytes -= old.bytes.length;
    this.byKey.delete(key);
  }
}
