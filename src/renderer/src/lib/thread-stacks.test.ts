import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../../shared/sentry';
import { initialThread, threadStacks } from './thread-stacks';

// A native crash as Sentry stores a processed minidump: the crashed thread's stack on the exception
// (`thread_id`), the thread itself listed without one, the others with their own.
const crashedStack = { frames: [{ instruction_addr: '0x7ff600001a2b' }, { instruction_addr: '0x7ff600001010' }], registers: { rip: '0x7ff600001010' } };
const workerStack = { frames: [{ instruction_addr: '0x7ffe2c001000' }] };
const minidumpEvent: SentryEvent = {
  platform: 'native',
  exception: { values: [{ type: 'EXCEPTION_ACCESS_VIOLATION_READ', thread_id: 7, stacktrace: crashedStack }] },
  threads: { values: [{ id: 3, name: 'worker', crashed: false, stacktrace: workerStack }, { id: 7, name: 'main', crashed: true, current: true }, { id: 9, crashed: false }] },
};

describe('thread stacks', () => {
  it("lists the crashed thread with its exception's stack and opens on it", () => {
    const stacks = threadStacks(minidumpEvent);
    expect(stacks.map((s) => [s.thread.id, s.fromException])).toEqual([[3, false], [7, true]]);
    expect(stacks[1]!.stacktrace).toBe(crashedStack);
    expect(initialThread(stacks)).toBe(1);
  });

  it("keeps a thread's own stack over its exception's, matches ids sent as text, and opens on the first without a crashed one", () => {
    const own = { frames: [{ function: 'main' }] };
    const event: SentryEvent = {
      exception: { values: [{ type: 'Error', thread_id: '1', stacktrace: { frames: [{ function: 'throwIt' }] } }, { type: 'Error', thread_id: 2, stacktrace: { frames: [] } }] },
      threads: { values: [{ id: 1, stacktrace: own }, { id: '2' }, { id: 4, current: true, stacktrace: own }] },
    };
    const stacks = threadStacks(event);
    expect(stacks.map((s) => [s.thread.id, s.fromException])).toEqual([[1, false], [4, false]]);
    expect(initialThread(stacks)).toBe(0);
    expect(threadStacks({ exception: { values: [{ thread_id: 5, stacktrace: own }] }, threads: { values: [{ crashed: true }] } })).toEqual([]);
    expect(initialThread([])).toBe(0);
  });
});
