/**
 * Test support: a minidump laid out as the format defines it (header, stream directory, an
 * exception stream, system info, a module list with one module), small enough to build per test.
 * @see https://learn.microsoft.com/en-us/windows/win32/api/minidumpapiset/
 */
export interface DumpSpec {
  platformId: number;
  code: number;
  info?: bigint[];
  address: bigint;
  threadId?: number;
  module?: { name: string; base: bigint; size: number };
}

export function buildMinidump(spec: DumpSpec): Buffer {
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
  system.writeUInt32LE(spec.platformId, 20);
  const moduleList = Buffer.alloc(4 + (spec.module ? 108 : 0));
  const name = spec.module ? Buffer.from(spec.module.name, 'utf16le') : Buffer.alloc(0);
  const nameRecord = Buffer.alloc(4 + name.length);
  nameRecord.writeUInt32LE(name.length, 0);
  name.copy(nameRecord, 4);
  const exceptionAt = 32 + directory.length;
  const systemAt = exceptionAt + exception.length;
  const modulesAt = systemAt + system.length;
  const nameAt = modulesAt + moduleList.length;
  if (spec.module) {
    moduleList.writeUInt32LE(1, 0);
    moduleList.writeBigUInt64LE(spec.module.base, 4);
    moduleList.writeUInt32LE(spec.module.size, 12);
    moduleList.writeUInt32LE(nameAt, 24);
  }
  header.write('MDMP', 0, 'latin1');
  header.writeUInt32LE(0xa793, 4);
  header.writeUInt32LE(3, 8);
  header.writeUInt32LE(32, 12);
  [[6, exception.length, exceptionAt], [7, system.length, systemAt], [4, moduleList.length, modulesAt]].forEach(([type, size, rva], i) => {
    directory.writeUInt32LE(type!, i * 12);
    directory.writeUInt32LE(size!, i * 12 + 4);
    directory.writeUInt32LE(rva!, i * 12 + 8);
  });
  return Buffer.concat([header, directory, exception, system, moduleList, nameRecord]);
}
