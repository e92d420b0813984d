/**
 * Test support: a minidump laid out as the format defines it (header, stream directory, an
 * exception stream with its thread's CPU context, system info, a module list with CodeView
 * records, a thread list with contexts and stacks, a memory list, thread names), small enough to
 * build per test. The context layouts are written from the structure definitions, independently
 * of the reader, so a test checks the reader against the format rather than against itself.
 * @see https://learn.microsoft.com/en-us/windows/win32/api/minidumpapiset/
 * @see https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-context
 */
export interface ModuleSpec {
  name: string;
  base: bigint;
  size: number;
  timestamp?: number;
  /** A PDB 7.0 record (Windows, Crashpad on Apple systems) or a Breakpad ELF build id. */
  codeView?: { guid: Buffer; age: number; pdb: string } | { buildId: Buffer };
}

/** A CPU context: `amd64` is CONTEXT_AMD64, `x86` CONTEXT_X86, `arm64` CONTEXT_ARM64, `arm64-breakpad` Breakpad's older ARM64 layout. */
export interface ContextSpec {
  layout: 'amd64' | 'x86' | 'arm64' | 'arm64-breakpad';
  /** By the names Sentry uses (`rip`, `eip`, `x0`…`x28`, `fp`, `lr`, `sp`, `pc`); unset registers are 0. */
  registers: Record<string, bigint>;
}

/** Bytes of the crashed process's memory at `base`. */
export interface MemorySpec { base: bigint; bytes: Buffer }

export interface ThreadSpec {
  id: number;
  context?: ContextSpec;
  stack?: MemorySpec;
  name?: string;
}

export interface DumpSpec {
  platformId: number;
  /** `PROCESSOR_ARCHITECTURE_*` (0: x86, 9: AMD64, 12: ARM64, 0x8003: Breakpad's older ARM64). */
  arch?: number;
  code: number;
  info?: bigint[];
  address: bigint;
  threadId?: number;
  module?: ModuleSpec;
  modules?: ModuleSpec[];
  /** The module list with 4 bytes of padding after its count, as Microsoft's writers lay it out. */
  paddedModuleList?: boolean;
  /** The crashed thread's context, in the exception stream. */
  context?: ContextSpec;
  threads?: ThreadSpec[];
  /** A memory list (MINIDUMP_MEMORY_LIST) with these ranges. */
  memory?: MemorySpec[];
}

const AMD64_OFFSETS: Record<string, number> = {
  rax: 0x78, rcx: 0x80, rdx: 0x88, rbx: 0x90, rsp: 0x98, rbp: 0xa0, rsi: 0xa8, rdi: 0xb0,
  r8: 0xb8, r9: 0xc0, r10: 0xc8, r11: 0xd0, r12: 0xd8, r13: 0xe0, r14: 0xe8, r15: 0xf0, rip: 0xf8,
};
const X86_OFFSETS: Record<string, number> = { edi: 0x9c, esi: 0xa0, ebx: 0xa4, edx: 0xa8, ecx: 0xac, eax: 0xb0, ebp: 0xb4, eip: 0xb8, eflags: 0xc0, esp: 0xc4 };
/** Both ARM64 layouts: x0 at 8, then x1…x28, x29 (fp), x30 (lr), sp and pc, 8 bytes each. */
const ARM64_OFFSETS: Record<string, number> = Object.fromEntries([
  ...Array.from({ length: 29 }, (_, i) => [`x${i}`, 8 + i * 8]), ['fp', 240], ['lr', 248], ['sp', 256], ['pc', 264],
]);

/** A context record; flags name the CPU with its control and integer registers. */
export function contextRecord(spec: ContextSpec): Buffer {
  const { layout, registers } = spec;
  const [size, offsets] = layout === 'amd64' ? [1232, AMD64_OFFSETS] : layout === 'x86' ? [716, X86_OFFSETS] : [layout === 'arm64' ? 912 : 800, ARM64_OFFSETS];
  const record = Buffer.alloc(size);
  if (layout === 'amd64') record.writeUInt32LE(0x10000b, 0x30);
  else if (layout === 'x86') record.writeUInt32LE(0x1003f, 0);
  else if (layout === 'arm64') record.writeUInt32LE(0x400003, 0);
  else record.writeBigUInt64LE(0x80000003n, 0);
  for (const [name, value] of Object.entries(registers)) {
    const at = offsets[name];
    if (at === undefined) throw new Error(`no register ${name} in a ${layout} context`);
    if (layout === 'x86') record.writeUInt32LE(Number(value), at);
    else record.writeBigUInt64LE(value, at);
  }
  return record;
}

/** A stack of pointer-sized words from `base` (8 bytes each unless `width` is 4). */
export function stackOf(base: bigint, words: bigint[], width: 4 | 8 = 8): MemorySpec {
  const bytes = Buffer.alloc(words.length * width);
  words.forEach((w, i) => (width === 8 ? bytes.writeBigUInt64LE(w, i * 8) : bytes.writeUInt32LE(Number(w), i * 4)));
  return { base, bytes };
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

/** MINIDUMP_STRING: a byte length, then UTF-16LE. */
function minidumpString(text: string): Buffer {
  const name = Buffer.from(text, 'utf16le');
  const record = Buffer.alloc(4 + name.length);
  record.writeUInt32LE(name.length, 0);
  name.copy(record, 4);
  return record;
}

/** The file after the header and directory: each blob is appended and its RVA returned. */
class Body {
  readonly parts: Buffer[] = [];
  constructor(private at: number) {}
  add(blob: Buffer): number {
    const rva = this.at;
    this.parts.push(blob);
    this.at += blob.length;
    return rva;
  }
}

/** Fills a module list placed in the file: the names and CodeView records follow it. */
function fillModuleList(list: Buffer, body: Body, modules: ModuleSpec[], first: number): void {
  list.writeUInt32LE(modules.length, 0);
  modules.forEach((m, i) => {
    const entry = first + i * 108;
    const cv = codeViewRecord(m.codeView);
    list.writeBigUInt64LE(m.base, entry);
    list.writeUInt32LE(m.size, entry + 8);
    list.writeUInt32LE(m.timestamp ?? 0, entry + 16);
    list.writeUInt32LE(body.add(minidumpString(m.name)), entry + 20);
    list.writeUInt32LE(cv.length, entry + 76);
    list.writeUInt32LE(body.add(cv), entry + 80);
  });
}

function fillThreadList(list: Buffer, body: Body, threads: ThreadSpec[]): void {
  list.writeUInt32LE(threads.length, 0);
  threads.forEach((t, i) => {
    const entry = 4 + i * 48;
    list.writeUInt32LE(t.id, entry);
    if (t.stack) {
      list.writeBigUInt64LE(t.stack.base, entry + 24);
      list.writeUInt32LE(t.stack.bytes.length, entry + 32);
      list.writeUInt32LE(body.add(t.stack.bytes), entry + 36);
    }
    if (t.context) {
      const record = contextRecord(t.context);
      list.writeUInt32LE(record.length, entry + 40);
      list.writeUInt32LE(body.add(record), entry + 44);
    }
  });
}

function fillMemoryList(list: Buffer, body: Body, ranges: MemorySpec[]): void {
  list.writeUInt32LE(ranges.length, 0);
  ranges.forEach((r, i) => {
    list.writeBigUInt64LE(r.base, 4 + i * 16);
    list.writeUInt32LE(r.bytes.length, 4 + i * 16 + 8);
    list.writeUInt32LE(body.add(r.bytes), 4 + i * 16 + 12);
  });
}

function fillThreadNames(list: Buffer, body: Body, named: ThreadSpec[]): void {
  list.writeUInt32LE(named.length, 0);
  named.forEach((t, i) => {
    list.writeUInt32LE(t.id, 4 + i * 12);
    list.writeBigUInt64LE(BigInt(body.add(minidumpString(t.name!))), 4 + i * 12 + 4);
  });
}

/**
 * The streams come first, then what they point at (names, records, contexts, stacks), in the
 * order given: the module names end the file unless threads or memory follow.
 */
export function buildMinidump(spec: DumpSpec): Buffer {
  const modules = spec.modules ?? (spec.module ? [spec.module] : []);
  const threads = spec.threads ?? [];
  const named = threads.filter((t) => t.name !== undefined);
  const exception = Buffer.alloc(168);
  const system = Buffer.alloc(56);
  const moduleListFirst = spec.paddedModuleList ? 8 : 4;
  const moduleList = Buffer.alloc(moduleListFirst + modules.length * 108);
  // Stream type, then its bytes: 6 exception, 7 system info, 4 module list, 3 thread list, 24 thread names, 5 memory list.
  const streams: [number, Buffer][] = [[6, exception], [7, system], [4, moduleList]];
  const threadList = Buffer.alloc(4 + threads.length * 48);
  const names = Buffer.alloc(4 + named.length * 12);
  const memoryList = Buffer.alloc(4 + (spec.memory?.length ?? 0) * 16);
  if (spec.threads) streams.push([3, threadList], [24, names]);
  if (spec.memory) streams.push([5, memoryList]);
  const body = new Body(32 + streams.length * 12);
  const directory = Buffer.alloc(streams.length * 12);
  streams.forEach(([type, bytes], i) => {
    directory.writeUInt32LE(type, i * 12);
    directory.writeUInt32LE(bytes.length, i * 12 + 4);
    directory.writeUInt32LE(body.add(bytes), i * 12 + 8);
  });
  exception.writeUInt32LE(spec.threadId ?? 7, 0);
  exception.writeUInt32LE(spec.code, 8);
  exception.writeBigUInt64LE(spec.address, 24);
  const info = spec.info ?? [];
  exception.writeUInt32LE(info.length, 32);
  info.forEach((v, i) => exception.writeBigUInt64LE(v, 40 + i * 8));
  if (spec.context) {
    const record = contextRecord(spec.context);
    exception.writeUInt32LE(record.length, 160);
    exception.writeUInt32LE(body.add(record), 164);
  }
  system.writeUInt16LE(spec.arch ?? 9, 0);
  system.writeUInt32LE(spec.platformId, 20);
  fillModuleList(moduleList, body, modules, moduleListFirst);
  fillThreadList(threadList, body, threads);
  fillThreadNames(names, body, named);
  fillMemoryList(memoryList, body, spec.memory ?? []);
  const header = Buffer.alloc(32);
  header.write('MDMP', 0, 'latin1');
  header.writeUInt32LE(0xa793, 4);
  header.writeUInt32LE(streams.length, 8);
  header.writeUInt32LE(32, 12);
  return Buffer.concat([header, directory, ...body.parts]);
}
