/**
 * The stacks of a minidump's threads in Sentry's shape, as Sentry stores a processed minidump:
 * the crashed thread's frames and registers go on the exception's `stacktrace`, and every thread
 * is listed in `threads.values` (the crashed one marked `crashed`, the others with their own
 * stack trace and registers). Frames are oldest first, each with its `trust` and its image
 * (`package`, `image_addr`), since Lookout cannot symbolicate them.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/threads/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/lang/native/processing.py
 */
import type { SentryFrame, SentryStacktrace, SentryThread } from '../../shared/sentry';
import { readContext, registersObject, type CpuContext } from './read-context';
import type { MinidumpCrash } from './read-minidump';
import type { StreamLocation } from './read-modules';
import { rangeAt, readMemoryList, readThreadNames, readThreads, type MemoryRange, type MinidumpThread } from './read-threads';
import { ModuleMap, walkStack, type WalkedFrame } from './stackwalk';

export interface CrashStacks {
  /** The crashed thread's stack trace; null when the dump holds no readable context for it. */
  crashed: SentryStacktrace | null;
  threads: SentryThread[];
}

const STREAM_THREAD_LIST = 3;
const STREAM_MEMORY_LIST = 5;
const STREAM_THREAD_NAMES = 24;
const WINDOWS = 2;
/** Frames of one thread, as symbolicators bound a walk. */
export const MAX_FRAMES = 256;
/** Frames of all other threads together, so a process with many threads stays a reasonable event. */
export const MAX_OTHER_FRAMES = 2048;
/** Threads listed; past that, a thread list is more likely garbage than a process. */
export const MAX_LISTED_THREADS = 512;

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** Sentry's frame for a walked one: the address, how it was found, and the image it lies in. */
export function sentryFrame(frame: WalkedFrame): SentryFrame {
  return {
    instruction_addr: hex(frame.ip),
    ...(frame.module ? { package: frame.module.name, image_addr: hex(frame.module.base) } : {}),
    trust: frame.trust,
  };
}

/**
 * Walks the crashed thread (context from the exception stream, else from the thread list) and
 * the others. A stream that is missing or garbage leaves out what it would have given, nothing more.
 */
export function crashStacks(dump: Buffer, crash: MinidumpCrash): CrashStacks {
  const threads = safely(() => {
    const memory = readMemoryList(dump, crash.streams.get(STREAM_MEMORY_LIST));
    const names = readThreadNames(dump, crash.streams.get(STREAM_THREAD_NAMES));
    return { memory, list: readThreads(dump, crash.streams.get(STREAM_THREAD_LIST), names) };
  }) ?? { memory: [], list: [] };
  const modules = new ModuleMap(crash.modules);
  const options = { modules, windows: crash.platformId === WINDOWS };
  const contextAt = (location: StreamLocation | null) =>
    location ? safely(() => readContext(dump, location.rva, location.size, crash.processor)) : null;
  const walk = (context: CpuContext, thread: MinidumpThread | undefined, maxFrames: number) =>
    safely(() => walkStack(context, stackOf(thread, context.sp, threads.memory), { ...options, maxFrames })) ?? [];

  const crashedThread = threads.list.find((t) => t.id === crash.threadId);
  const crashContext = contextAt(crash.exceptionContext) ?? contextAt(crashedThread?.context ?? null);
  const crashed = crashContext ? stacktrace(walk(crashContext, crashedThread, MAX_FRAMES), crashContext) : null;

  let budget = MAX_OTHER_FRAMES;
  const listed = threads.list.slice(0, MAX_LISTED_THREADS).map((thread): SentryThread => {
    const base: SentryThread = { id: thread.id, ...(thread.name ? { name: thread.name } : {}) };
    if (thread === crashedThread) return { ...base, crashed: true, current: true };
    const context = contextAt(thread.context);
    if (!context) return { ...base, crashed: false };
    // Past the budget a thread still shows where it stood: its context frame.
    const frames = walk(context, thread, Math.max(1, Math.min(MAX_FRAMES, budget)));
    budget -= frames.length;
    return { ...base, crashed: false, stacktrace: stacktrace(frames, context) };
  });
  return { crashed, threads: listed };
}

function stacktrace(frames: WalkedFrame[], context: CpuContext): SentryStacktrace {
  // Sentry's frames run from the outermost call to the crash.
  return { frames: frames.map(sentryFrame).reverse(), registers: registersObject(context) };
}

/** The thread's stack memory: its own descriptor when that holds `sp`, else the memory range that does. */
function stackOf(thread: MinidumpThread | undefined, sp: bigint, memory: MemoryRange[]): MemoryRange | null {
  const own = thread?.stack ?? null;
  if (own && rangeAt([own], sp)) return own;
  return rangeAt(memory, sp) ?? own;
}

/** A reader that hits the end of a truncated dump (a RangeError) gives nothing instead of failing the event. */
function safely<T>(read: () => T): T | null {
  try { return read(); } catch { return null; }
}
