/**
 * A minidump's threads (`MINIDUMP_THREAD_LIST`): each thread's id, where its CPU context is, and
 * the bytes of its stack, taken from the thread's own stack descriptor or else from the memory
 * list range that holds its stack pointer (as rust-minidump finds a thread's stack memory).
 * Thread names come from the `ThreadNamesStream` Windows writes.
 * @see https://learn.microsoft.com/en-us/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_thread
 * @see https://learn.microsoft.com/en-us/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_memory_list
 */
import { listEntries, type StreamLocation } from './read-modules';

/** A range of the crashed process's memory that the dump holds. */
export interface MemoryRange {
  base: bigint;
  bytes: Buffer;
}

export interface MinidumpThread {
  id: number;
  name: string | null;
  context: StreamLocation | null;
  stack: MemoryRange | null;
}

const THREAD_SIZE = 48;
const MEMORY_DESCRIPTOR_SIZE = 16;
const THREAD_NAME_SIZE = 12;
export const MAX_THREADS = 4096;
const MAX_RANGES = 100_000;
const MAX_NAME_BYTES = 512;

/** The bytes a location descriptor points at, or null when they lie past the end of the dump. */
function located(dump: Buffer, size: number, rva: number): Buffer | null {
  return size > 0 && rva > 0 && rva + size <= dump.length ? dump.subarray(rva, rva + size) : null;
}

/** Every range of the memory list (`MINIDUMP_MEMORY_DESCRIPTOR`s) whose bytes the dump holds. */
export function readMemoryList(dump: Buffer, list: StreamLocation | undefined): MemoryRange[] {
  const entries = listEntries(dump, list, MEMORY_DESCRIPTOR_SIZE, MAX_RANGES);
  if (!entries) return [];
  const ranges: MemoryRange[] = [];
  for (let i = 0; i < entries.count; i++) {
    const at = entries.first + i * MEMORY_DESCRIPTOR_SIZE;
    const bytes = located(dump, dump.readUInt32LE(at + 8), dump.readUInt32LE(at + 12));
    if (bytes) ranges.push({ base: dump.readBigUInt64LE(at), bytes });
  }
  return ranges;
}

/** Thread names by thread id (`MINIDUMP_THREAD_NAME`: an id and a 64-bit RVA of a `MINIDUMP_STRING`). */
export function readThreadNames(dump: Buffer, list: StreamLocation | undefined): Map<number, string> {
  const names = new Map<number, string>();
  const entries = listEntries(dump, list, THREAD_NAME_SIZE, MAX_THREADS);
  for (let i = 0; entries && i < entries.count; i++) {
    const at = entries.first + i * THREAD_NAME_SIZE;
    const rva = Number(dump.readBigUInt64LE(at + 4));
    if (rva <= 0 || rva + 4 > dump.length) continue;
    const length = Math.min(dump.readUInt32LE(rva), MAX_NAME_BYTES, dump.length - rva - 4);
    const name = dump.toString('utf16le', rva + 4, rva + 4 + length);
    if (name) names.set(dump.readUInt32LE(at), name);
  }
  return names;
}

/** Every thread of the list (at most {@link MAX_THREADS}); an entry cut short ends it. */
export function readThreads(dump: Buffer, list: StreamLocation | undefined, names: Map<number, string>): MinidumpThread[] {
  const entries = listEntries(dump, list, THREAD_SIZE, MAX_THREADS);
  if (!entries) return [];
  const threads: MinidumpThread[] = [];
  for (let i = 0; i < entries.count; i++) {
    const at = entries.first + i * THREAD_SIZE;
    const id = dump.readUInt32LE(at);
    const stackBase = dump.readBigUInt64LE(at + 24);
    const stackBytes = located(dump, dump.readUInt32LE(at + 32), dump.readUInt32LE(at + 36));
    const contextSize = dump.readUInt32LE(at + 40);
    const contextRva = dump.readUInt32LE(at + 44);
    threads.push({
      id, name: names.get(id) ?? null,
      context: located(dump, contextSize, contextRva) ? { size: contextSize, rva: contextRva } : null,
      stack: stackBytes ? { base: stackBase, bytes: stackBytes } : null,
    });
  }
  return threads;
}

/** The range holding `address`, if the dump has one. */
export function rangeAt(ranges: readonly MemoryRange[], address: bigint): MemoryRange | null {
  return ranges.find((r) => address >= r.base && address < r.base + BigInt(r.bytes.length)) ?? null;
}
