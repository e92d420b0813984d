import { gunzipSync } from 'node:zlib';
import type { SentryDebugImage, SentryEvent } from '../../shared/sentry';
import { crashName } from './crash-name';
import { crashStacks } from './crash-stacks';
import { readMinidumpCrash, type MinidumpCrash } from './read-minidump';
import type { MinidumpModule } from './read-modules';

const MAX_DUMP_BYTES = 256 * 1024 * 1024;

const hex = (v: bigint) => `0x${v.toString(16)}`;

/**
 * Gives an event that came with a minidump (`event.minidump` attachment) and no exception of its
 * own the crash the dump records: its name, the crashed thread's registers and stack (walked
 * without symbols, see `stackwalk.ts`; only the crash address when the dump has no context),
 * the other threads, and the dump's module list as its loaded images.
 * Without it every native crash was titled `<unlabeled event>` and all of them formed one issue.
 * Returns whether the event changed.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#attachment
 */
export function applyMinidump(event: SentryEvent, dump: Buffer): boolean {
  if ((event.exception?.values?.length ?? 0) > 0) return false;
  let bytes = dump;
  if (dump[0] === 0x1f && dump[1] === 0x8b) {
    try { bytes = gunzipSync(dump, { maxOutputLength: MAX_DUMP_BYTES }); } catch { return false; }
  }
  const crash = readMinidumpCrash(bytes);
  if (!crash) return false;
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
