import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../export/test-report-input';
import { DictionaryCache } from './body-dictionary-cache';

const entry = (name: string) => {
  const bytes = readFileSync(path.join(CORPUS_DIR, name));
  return { bytes, crc: crc32(bytes) };
};

describe('dictionary cache', () => {
  it('drops the least recently used dictionaries once their bytes pass the budget', () => {
    const [a, b, c] = ['envelope_php.txt', 'envelope_java.txt', 'envelope_angular.txt'].map(entry);
    const cache = new DictionaryCache(a!.bytes.length + b!.bytes.length + c!.bytes.length - 1);
    cache.set(1, a!);
    cache.set(2, b!);
    expect(cache.get(1)).toBe(a); // 1 is now the most recently used
    cache.set(3, c!);
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual([a, undefined, c]);
    expect(cache.size).toBe(a!.bytes.length + c!.bytes.length);
    cache.set(1, c!);
    expect(cache.size).toBe(2 * c!.bytes.length);
    cache.delete(3);
    expect([cache.count, cache.size]).toEqual([1, c!.bytes.length]);
  });

  it('does not hold a dictionary larger than the whole budget', () => {
    const big = entry('envelope_php_wordpress.txt');
    const cache = new DictionaryCache(big.bytes.length - 1);
    cache.set(1, big);
    expect([cache.get(1), cache.count, cache.size]).toEqual([undefined, 0, 0]);
  });
});
