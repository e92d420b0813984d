/**
 * What a minidump says about its crash without stackwalking it: the exception record (code,
 * address, the crashed thread), the platform, and the module the crash address falls in.
 * Lookout has no symbol server; this is what names and groups a native crash until one exists.
 * @see https://learn.microsoft.com/en-us/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_header
 */
import { readModules, type MinidumpModule, type StreamLocation } from './read-modules';

export interface MinidumpCrash {
  /** `MINIDUMP_SYSTEM_INFO.PlatformId`: 2 Windows; 0x8101 macOS, 0x8102 iOS, 0x8201 Linux, 0x8203 Android (Breakpad). */
  platformId: number | null;
  threadId: number;
  code: number;
  /** `ExceptionInformation`: for an access violation, [0] read / write / execute and [1] the address. */
  info: bigint[];
  address: bigint;
  /** The module the crash address lies in, by its path as the dump records it. */
  module: MinidumpModule | null;
  /** Every module the process had loaded. */
  modules: MinidumpModule[];
  /** `MINIDUMP_SYSTEM_INFO.ProcessorArchitecture`, as Sentry names it (`x86_64`, `arm64`…). */
  arch: string | null;
  /** `ProcessorArchitecture` as the dump gives it: which `CONTEXT_*` layout its threads use. */
  processor: number | null;
  /** The crashed thread's CPU context when the exception happened (`MINIDUMP_EXCEPTION_STREAM.ThreadContext`). */
  exceptionContext: StreamLocation;
  /** Every stream of the directory by type (the last one of a type wins). */
  streams: Map<number, StreamLocation>;
}

/** `PROCESSOR_ARCHITECTURE_*` (and Breakpad's ARM64 value) by Sentry's arch names. */
const ARCHES: Record<number, string> = { 0: 'x86', 5: 'arm', 9: 'x86_64', 12: 'arm64', 0x8003: 'arm64' };

const STREAM_MODULE_LIST = 4;
const STREAM_EXCEPTION = 6;
const STREAM_SYSTEM_INFO = 7;

/** Reads the crash of a minidump (`MDMP` little-endian); null when it has no exception stream or is cut short. */
export function readMinidumpCrash(dump: Buffer): MinidumpCrash | null {
  try {
    if (dump.length < 32 || dump.toString('latin1', 0, 4) !== 'MDMP') return null;
    const streams = new Map<number, StreamLocation>();
    const count = Math.min(dump.readUInt32LE(8), 1000);
    const directory = dump.readUInt32LE(12);
    for (let i = 0; i < count; i++) {
      const at = directory + i * 12;
      streams.set(dump.readUInt32LE(at), { size: dump.readUInt32LE(at + 4), rva: dump.readUInt32LE(at + 8) });
    }
    const exception = streams.get(STREAM_EXCEPTION);
    if (!exception || exception.size < 168) return null;
    const at = exception.rva;
    const parameters = Math.min(dump.readUInt32LE(at + 32), 15);
    const info = Array.from({ length: parameters }, (_, i) => dump.readBigUInt64LE(at + 40 + i * 8));
    const address = dump.readBigUInt64LE(at + 24);
    const system = streams.get(STREAM_SYSTEM_INFO);
    const modules = readModules(dump, streams.get(STREAM_MODULE_LIST));
    const processor = system && system.size >= 2 ? dump.readUInt16LE(system.rva) : null;
    return {
      processor, streams, exceptionContext: { size: dump.readUInt32LE(at + 160), rva: dump.readUInt32LE(at + 164) },
      platformId: system && system.size >= 24 ? dump.readUInt32LE(system.rva + 20) : null,
      arch: processor === null ? null : ARCHES[processor] ?? null,
      threadId: dump.readUInt32LE(at), code: dump.readUInt32LE(at + 8), info, address,
      module: modules.find((m) => address >= m.base && address < m.base + BigInt(m.size)) ?? null, modules,
    };
  } catch {
    return null; // a RangeError: an offset past the end of a truncated dump
  }
}
