import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockReasons } from './thread-locks';

const anr = JSON.parse(readFileSync(new URL('../../../../test/fixtures/native/android-anr-blocked.json', import.meta.url), 'utf8')) as {
  threads: { values: unknown[] };
};

describe('held locks of an ANR thread', () => {
  it('words the lock the main thread waits for as a thread dump does, with the thread holding it', () => {
    expect(lockReasons(anr.threads.values[0])).toEqual([
      { text: 'waiting to lock <0x0d3a2f0a> (a com.acme.shop.ImageCache) held by thread 11', heldBy: '11', blocked: true },
    ]);
  });

  it('names the other lock types, puts the blocking one first, and omits the holder when it is the thread itself', () => {
    const thread = { id: 11, held_locks: {
      a: { type: 1, address: '0x1', class_name: 'Object', package_name: 'java.lang', thread_id: 11 },
      b: { type: 8, address: '0x2', class_name: 'com.acme.Db', package_name: 'com.acme', thread_id: 4 },
      c: { type: 2, class_name: 'Queue' }, d: { type: 4 },
    } };
    expect(lockReasons(thread).map((l) => l.text)).toEqual([
      'waiting to lock <0x2> (a com.acme.Db) held by thread 4', 'locked <0x1> (a java.lang.Object)', 'waiting on <c> (a Queue)', 'sleeping on <d>',
    ]);
    expect(lockReasons({ held_locks: null })).toEqual([]);
    expect(lockReasons({})).toEqual([]);
  });
});
