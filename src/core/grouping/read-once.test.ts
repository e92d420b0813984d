import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { frameFacts, readingFrames } from './frame-facts';
import { hashValues, rememberedHashes } from './hash';
import { resolveFrameFlags } from './in-app-rules';
import { computeGrouping, eventTitle } from './index';
import { corpusEvents, SPOTLIGHT_CORPUS } from './test-support/corpus';
import { readdirSync } from 'node:fs';

// What prepare remembers so that an event's frames and hashes are worked out once (issue #8): the
// same results as working them out every time, for events that differ only in what is remembered.

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

const browserFrame = (filename: string, fn: string, inApp?: boolean): SentryFrame =>
  ({ filename, function: fn, lineno: 1, colno: 10, ...(inApp === undefined ? {} : { in_app: inApp }) });

function browserError(frames: SentryFrame[], platform = 'javascript'): SentryEvent {
  return { event_id: 'a'.repeat(32), platform, exception: { values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames } }] } };
}

describe('hashValues remembers digests', () => {
  it('gives md5 of the joined values, however they are split, and the same digest again', () => {
    expect(hashValues(['ab', 'c'])).toBe(md5('abc'));
    expect(hashValues(['a', 'bc'])).toBe(md5('abc'));
    expect(hashValues(['abc'])).toBe(md5('abc'));
    expect(hashValues(['abd'])).toBe(md5('abd'));
  });

  it('keeps lone surrogates apart per value, whatever was hashed before', () => {
    // A pair split over two values is two lone surrogates ('??'); the same pair in one value is a character.
    expect(hashValues(['\uD83D\uDE00'])).toBe(md5('\uD83D\uDE00'));
    expect(hashValues(['\uD83D', '\uDE00'])).toBe(md5('??'));
    expect(hashValues(['\uD83D\uDE00'])).toBe(md5('\uD83D\uDE00'));
  });

  it('stays bounded by the length of the texts it keeps', () => {
    for (let i = 0; i < 300; i++) expect(hashValues([`frame-${i}-`.padEnd(10_000, 'x')])).toBe(md5(`frame-${i}-`.padEnd(10_000, 'x')));
    expect(rememberedHashes().chars).toBeLessThanOrEqual(2_000_000);
    expect(rememberedHashes().count).toBeLessThan(300);
  });
});

describe('hashValues hashes a repeated text once', () => {
  it('does not hash the same values twice', async () => {
    vi.resetModules();
    const created = vi.fn();
    vi.doMock('node:crypto', async (original) => {
      const crypto = await original<typeof import('node:crypto')>();
      return { ...crypto, createHash: (algorithm: string) => { created(algorithm); return crypto.createHash(algorithm); } };
    });
    const fresh = await import('./hash');
    const values = ['checkout', 'app/cart', 'submitOrder'];
    expect(fresh.hashValues(values)).toBe(fresh.hashValues([...values]));
    expect(created).toHaveBeenCalledTimes(1);
    vi.doUnmock('node:crypto');
  });
});

describe('readingFrames reads each frame once', () => {
  it('hands out one facts object per frame inside, fresh ones outside and after', () => {
    const frame = browserFrame('https://shop.example.com/assets/app.js', 'loadCart', true);
    const event = browserError([frame]);
    const inside = readingFrames(event, () => [frameFacts(frame, event), frameFacts(frame, event)]);
    expect(inside[0]).toBe(inside[1]);
    expect(frameFacts(frame, event)).not.toBe(frameFacts(frame, event));
    // A frame changed after the read is read again: nothing outlives the scope.
    frame.function = 'saveCart';
    expect(readingFrames(event, () => frameFacts(frame, event)).function).toBe('saveCart');
  });

  it('does not hand one event\'s facts to another event read inside it', () => {
    const frame = browserFrame('https://shop.example.com/assets/app.js', 'loadCart');
    const browser = browserError([frame]);
    const python = browserError([frame], 'python');
    const [outer, inner] = readingFrames(browser, () => [frameFacts(frame, browser), frameFacts(frame, python)]);
    expect(outer?.platform).toBe('javascript');
    expect(inner?.platform).toBe('python');
  });

  it('gives every corpus event the title and grouping it gets without it', () => {
    const files = readdirSync(SPOTLIGHT_CORPUS).filter((file) => !file.endsWith('empty.txt'));
    let events = 0;
    for (const file of files) {
      for (const event of corpusEvents(file)) {
        const plain = { title: eventTitle(event), grouping: computeGrouping(event) };
        expect(readingFrames(event, () => ({ title: eventTitle(event), grouping: computeGrouping(event) }))).toEqual(plain);
        events++;
      }
    }
    expect(events).toBeGreaterThan(10);
  });
});

describe('resolveFrameFlags', () => {
  it('answers the same facts again without working them out, and other facts for themselves', () => {
    const app = browserFrame('https://shop.example.com/assets/app.js', 'loadCart');
    const lib = browserFrame('https://shop.example.com/node_modules/react-dom/index.js', 'render');
    const event = browserError([app, lib]);
    readingFrames(event, () => {
      const facts = [frameFacts(app, event), frameFacts(lib, event)];
      const first = resolveFrameFlags(facts);
      expect(resolveFrameFlags([...facts])).toBe(first);
      // The same fields in new facts objects (another event's frames): worked out again, alike.
      const again = resolveFrameFlags([frameFacts({ ...app }, event), frameFacts({ ...lib }, event)]);
      expect(again).not.toBe(first);
      expect(again).toEqual(first);
      expect(resolveFrameFlags([facts[1]!]).map((flags) => flags.inApp)).toEqual([false]);
    });
  });

  it('tells frames apart by path after thousands of paths, as Sentry\'s rules do', () => {
    // Events that differ only in the frame's path: a node_modules path is never in-app, whatever was seen before.
    for (let i = 0; i < 6_000; i++) {
      const path = i % 2 === 0 ? `/srv/app/src/file${i}.js` : `/srv/app/node_modules/pkg${i}/index.js`;
      const event = browserError([{ abs_path: path, filename: path, function: 'run', lineno: 1, in_app: true }], 'node');
      const [flags] = resolveFrameFlags([frameFacts(event.exception!.values![0]!.stacktrace!.frames![0]!, event)]);
      expect(flags?.inApp).toBe(i % 2 === 0);
    }
  });
});
