import { gunzipSync } from 'node:zlib';
import type { SentryDebugImage, SentryEvent } from '../../shared/sentry';
import { crashName } from './crash-name';
import { crashStacks } from './crash-stacks';
import { readMinidumpCrash, type MinidumpCrash } from './read-minidump';
import type { MinidumpModule } from './read-modules';

const MAX_DUMP_BYTES = 256 * 1024 * 1024;
/** Sentry's `EventError` types: a dump that could not be processed, and one that names no crashed thread. */
const SYMBOLICATOR_FAILED = 'native_symbolicator_failed';
const NO_CRASHED_THREAD = 'native_no_crashed_thread';

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** An entry of `event.errors` (Relay's `EventProcessingError`: `type`, then what explains it). */
interface ProcessingError { type: string; message: string }

/**
 * Gives an event that came with a minidump (`event.minidump` attachment) and no exception of its
 * own the crash the dump records: its name, the crashed thread's registers and stack (walked
 * without symbols, see `stackwalk.ts`; only the crash address when the dump has no context),
 * the other threads, and the dump's module list as its loaded images.
 * Without it every native crash was titled `<unlabeled event>` and all of them formed one issue.
 * A dump it cannot read the crash from is recorded in `event.errors`, as Sentry records a
 * minidump its processing could not use, so the event says why it has no crash.
 * Returns whether the event changed.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#attachment
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventerror.py
 */
export function applyMinidump(event: SentryEvent, dump: Buffer): boolean {
  if ((event.exception?.values?.length ?? 0) > 0) return false;
  let bytes = dump;
  if (dump[0] === 0x1f && dump[1] === 0x8b) {
    try { bytes = gunzipSync(dump, { maxOutputLength: MAX_DUMP_BYTES }); } catch {
      return recordProcessingError(event, { type: SYMBOLICATOR_FAILED, message: 'The minidump is gzip-compressed but does not decompress (cut short or corrupt).' });
    }
  }
  const crash = readMinidumpCrash(bytes);
  if (!crash) return recordProcessingError(event, unreadableDump(bytes));
  const name = crashName(crash);
  const stacks = crashStacks(bytes, crash);
  // Without the crashed thread's context, the exception record's address is all there is to show.
  const frame = { instruction_addr: hex(crash.address), ...(crash.module ? { package: crash.module.name } : {}) };
  event.exception = { values: [{
    type: name, value: `Fatal Error: ${name}`, thread_id: crash.threadId,
    mechanism: { type: 'minidump', handled: false },
    stacktrace: stacks.crashed ?? { frames: [frame] },
  }] };
  if (stacks.threads.length > 0 && !(event.threads?.values?.length)) event.threads = { values: stacks.threads };
  event.level ??= 'fatal';
  if (crash.modules.length > 0 && !(event.debug_meta?.images?.length)) {
    event.debug_meta = { ...event.debug_meta, images: crash.modules.map((m) => imageOf(m, crash)) };
  }
  return true;
}

/** Why `readMinidumpCrash` found no crash: not a minidump at all, or one without a readable exception stream. */
function unreadableDump(bytes: Buffer): ProcessingError {
  if (bytes.length < 4 || bytes.toString('latin1', 0, 4) !== 'MDMP') {
    return { type: SYMBOLICATOR_FAILED, message: `The minidump attachment (${bytes.length} bytes) is not a minidump: it does not start with the MDMP signature.` };
  }
  return { type: NO_CRASHED_THREAD, message: `The minidump (${bytes.length} bytes) has no readable exception stream, so it does not say which thread crashed or why.` };
}

/** Appends `error` to `event.errors` (after any the SDK sent) unless the same one is there; answers whether it was added. */
function recordProcessingError(event: SentryEvent, error: ProcessingError): boolean {
  const errors: unknown[] = Array.isArray(event.errors) ? event.errors : [];
  const same = (e: unknown) => typeof e === 'object' && e !== null && (e as ProcessingError).type === error.type
    && (e as ProcessingError).message === error.message;
  if (errors.some(same)) return false;
  event.errors = [...errors, error];
  return true;
}

/** Sentry's image type by the dump's platform: PE on Windows, Mach-O on Apple systems, else ELF. */
function imageType(platformId: number | null): string {
  if (platformId === 2) return 'pe';
  return platformId === 0x8101 || platformId === 0x8102 ? 'macho' : 'elf';
}

function imageOf(m: MinidumpModule, crash: MinidumpCrash): SentryDebugImage {
  return {
    type: imageType(crash.platformId), code_file: m.name, image_addr: hex(m.base), image_size: m.size,
    ...(m.debugId ? { debug_id: m.debugId } : {}), ...(m.debugFile ? { debug_file: m.debugFile } : {}),
    ...(m.codeId ? { code_id: m.codeId } : {}), ...(crash.arch ? { arch: crash.arch } : {}),
  };
}
