/**
 * The module list of a minidump as Sentry's `debug_meta.images`: each executable or library the
 * crashed process had loaded, its address range, and the identifiers its symbol files are found
 * by (the CodeView record: a PDB's GUID and age, or an ELF build id).
 * @see https://learn.microsoft.com/en-us/windows/win32/api/minidumpapiset/ns-minidumpapiset-minidump_module
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 */

export interface MinidumpModule {
  name: string;
  base: bigint;
  size: number;
  debugId: string | null;
  debugFile: string | null;
  codeId: string | null;
}

export interface StreamLocation { size: number; rva: number }

const MODULE_SIZE = 108;
export const MAX_MODULES = 10_000;
const RSDS = 0x53445352;
const BPEL = 0x4c457042;

const hex = (bytes: Buffer) => bytes.toString('hex');

/** A GUID as Windows lays it out (first three fields little-endian), in its text form. */
function guidText(bytes: Buffer): string {
  const d1 = bytes.readUInt32LE(0).toString(16).padStart(8, '0');
  const d2 = bytes.readUInt16LE(4).toString(16).padStart(4, '0');
  const d3 = bytes.readUInt16LE(6).toString(16).padStart(4, '0');
  return `${d1}-${d2}-${d3}-${hex(bytes.subarray(8, 10))}-${hex(bytes.subarray(10, 16))}`;
}

function codeView(dump: Buffer, at: number, length: number): Pick<MinidumpModule, 'debugId' | 'debugFile' | 'codeId'> | null {
  if (length < 4 || at + length > dump.length) return null;
  const signature = dump.readUInt32LE(at);
  if (signature === RSDS && length >= 24) {
    const age = dump.readUInt32LE(at + 20);
    const file = dump.toString('utf8', at + 24, at + length).replace(/\0.*$/s, '');
    return { debugId: `${guidText(dump.subarray(at + 4, at + 20))}${age ? `-${age.toString(16)}` : ''}`, debugFile: file || null, codeId: null };
  }
  if (signature === BPEL && length > 4) {
    const buildId = dump.subarray(at + 4, at + length);
    const first = Buffer.alloc(16);
    buildId.copy(first, 0, 0, 16);
    return { debugId: guidText(first), debugFile: null, codeId: hex(buildId) };
  }
  return null;
}

/**
 * The entry count of a list stream and where its entries start. Some writers (Microsoft's own)
 * put 4 bytes of padding after the count; rust-minidump and Breakpad detect it by the stream size.
 */
export function listEntries(dump: Buffer, list: StreamLocation | undefined, entrySize: number, max: number): { count: number; first: number } | null {
  if (!list || list.size < 4 || list.rva + 4 > dump.length) return null;
  const declared = dump.readUInt32LE(list.rva);
  const padded = list.size === 8 + declared * entrySize;
  const first = list.rva + (padded ? 8 : 4);
  const fits = Math.floor((Math.min(list.rva + list.size, dump.length) - first) / entrySize);
  return { count: Math.max(0, Math.min(declared, max, fits)), first };
}


/** Every module of the list (at most {@link MAX_MODULES}); a truncated entry ends the list. */
export function readModules(dump: Buffer, list: StreamLocation | undefined): MinidumpModule[] {
  const entries = listEntries(dump, list, MODULE_SIZE, MAX_MODULES);
  const modules: MinidumpModule[] = [];
  for (let i = 0; entries && i < entries.count; i++) {
    const at = entries.first + i * MODULE_SIZE;
    const nameAt = dump.readUInt32LE(at + 20);
    if (nameAt + 4 > dump.length) break;
    const length = Math.min(dump.readUInt32LE(nameAt), 2048);
    const size = dump.readUInt32LE(at + 8);
    const timestamp = dump.readUInt32LE(at + 16);
    const cv = codeView(dump, dump.readUInt32LE(at + 80), dump.readUInt32LE(at + 76));
    modules.push({
      name: dump.toString('utf16le', nameAt + 4, Math.min(nameAt + 4 + length, dump.length)), base: dump.readBigUInt64LE(at), size,
      debugId: cv?.debugId ?? null, debugFile: cv?.debugFile ?? null,
      // A PE file's code id is its link timestamp and image size (how symbol servers index it).
      codeId: cv?.codeId ?? (cv?.debugFile ? `${timestamp.toString(16).toUpperCase().padStart(8, '0')}${size.toString(16)}` : null),
    });
  }
  return modules;
}
