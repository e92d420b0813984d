/**
 * Test support: a minidump laid out as the format defines it (header, stream directory, an
 * exception stream, system info, a module list with CodeView records), small enough to build per test.
 * @see https://learn.microsoft.com/en-us/windows/win32/api/minidumpapiset/
 */
export interface ModuleSpec {
  name: string;
  base: bigint;
  size: number;
  timestamp?: number;
  /** A PDB 7.0 record (Windows, Crashpad on Apple systems) or a Breakpad ELF build id. */
  codeView?: { guid: Buffer; age: number; pdb: string } | { buildId: Buffer };
}

export interface DumpSpec {
  platformId: number;
  /** `PROCESSOR_ARCHITECTURE_*` (9: AMD64, 12: ARM64). */
  arch?: number;
  code: number;
  info?: bigint[];
  address: bigint;
  threadId?: number;
  module?: ModuleSpec;
  modules?: ModuleSpec[];
}

function codeViewRecord(cv: ModuleSpec['codeView']): Buffer {
  if (!cv) return Buffer.alloc(0);
  if ('buildId' in cv) return Buffer.concat([Buffer.from('BpEL', 'latin1'), cv.buildId]);
  const head = Buffer.alloc(24);
  head.write('RSDS', 0, 'latin1');
  cv.guid.copy(head, 4);
  head.writeUInt32LE(cv.age, 20);
  return Buffer.concat([head, Buffer.from(`${cv.pdb}\0`, 'utf8')]);
}

export function buildMinidump(spec: DumpSpec): Buffer {
  const modules = spec.modules ?? (spec.module ? [spec.module] : []);
  const header = Buffer.alloc(32);
  const directory = Buffer.alloc(3 * 12);
  const exception = Buffer.alloc(168);
  exception.writeUInt32LE(spec.threadId ?? 7, 0);
  exception.writeUInt32LE(spec.code, 8);
  exception.writeBigUInt64LE(spec.address, 24);
  const info = spec.info ?? [];
  exception.writeUInt32LE(info.length, 32);
  info.forEach((v, i) => exception.writeBigUInt64LE(v, 40 + i * 8));
  const system = Buffer.alloc(56);
  system.writeUInt16LE(spec.arch ?? 9, 0);
  system.writeUInt32LE(spec.platformId, 20);
  const moduleList = Buffer.alloc(4 + modules.length * 108);
  const exceptionAt = 32 + directory.length;
  const systemAt = exceptionAt + exception.length;
  const modulesAt = systemAt + system.length;
  // Names and CodeView records follow the list, module by module.
  const tail: Buffer[] = [];
  let at = modulesAt + moduleList.length;
  moduleList.writeUInt32LE(modules.length, 0);
  modules.forEach((m, i) => {
    const entry = 4 + i * 108;
    const name = Buffer.from(m.name, 'utf16le');
    const nameRecord = Buffer.alloc(4 + name.length);
    nameRecord.writeUInt32LE(name.length, 0);
    name.copy(nameRecord, 4);
    const cv = codeViewRecord(m.codeView);
    moduleList.writeBigUInt64LE(m.base, entry);
    moduleList.writeUInt32LE(m.size, entry + 8);
    moduleList.writeUInt32LE(m.timestamp ?? 0, entry + 16);
    moduleList.writeUInt32LE(at, entry + 20);
    moduleList.writeUInt32LE(cv.length, entry + 76);
    moduleList.writeUInt32LE(at + nameRecord.length, entry + 80);
    tail.push(nameRecord, cv);
    at += nameRecord.length + cv.length;
  });
  header.write('MDMP', 0, 'latin1');
  header.writeUInt32LE(0xa793, 4);
  header.writeUInt32LE(3, 8);
  header.writeUInt32LE(32, 12);
  [[6, exception.length, exceptionAt], [7, system.length, systemAt], [4, moduleList.length, modulesAt]].forEach(([type, size, rva], i) => {
    directory.writeUInt32LE(type!, i * 12);
    directory.writeUInt32LE(size!, i * 12 + 4);
    directory.writeUInt32LE(rva!, i * 12 + 8);
  });
  return Buffer.concat([header, directory, exception, system, moduleList, ...tail]);
}
