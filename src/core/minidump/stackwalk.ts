/**
 * Recovers a thread's call stack from its CPU context and stack memory without symbols, by the
 * fallbacks Breakpad and rust-minidump use when no unwind info is at hand:
 * 1. the context frame: the instruction pointer itself (`trust: "context"`);
 * 2. the frame-pointer chain (`rbp` / `ebp` / `x29`): the caller's return address sits one slot
 *    above the saved frame pointer (`trust: "fp"`);
 * 3. stack scanning: the first stack word above the stack pointer that points into a loaded
 *    module is taken as a return address (`trust: "scan"`).
 * Without CFI the frame-pointer result is also required to land in a loaded module, else the
 * walker scans instead. The walk stops when the stack pointer no longer grows, at an address in
 * the first page, or after `maxFrames`: every step reads at most 160 words, so it is bounded.
 * @see https://github.com/rust-minidump/rust-minidump/blob/main/minidump-unwind/src/amd64.rs
 * @see https://github.com/rust-minidump/rust-minidump/blob/main/minidump-unwind/src/arm64.rs
 * @see https://chromium.googlesource.com/breakpad/breakpad/+/refs/heads/main/src/processor/stackwalker.cc
 */
import type { CpuContext } from './read-context';
import type { MinidumpModule } from './read-modules';
import type { MemoryRange } from './read-threads';

export type FrameTrust = 'context' | 'fp' | 'scan';

export interface WalkedFrame {
  /** The instruction pointer of the context frame; for a caller, its return address. */
  ip: bigint;
  trust: FrameTrust;
  module: MinidumpModule | null;
}

interface FrameState { ip: bigint; sp: bigint; fp: bigint | null; trust: FrameTrust }

/** Words scanned for a return address: four times more below the context frame, which is often messy. */
const SCAN_WORDS = 40;
const CONTEXT_SCAN_WORDS = SCAN_WORDS * 4;
/** The largest gap between two frames a recovered frame pointer may bridge while scanning. */
const MAX_FRAME_GAP = 128n * 1024n;
/** Windows x64 may point rbp up to 240 bytes into a frame, in 16-byte steps (no UNWIND_INFO here). */
const WINDOWS_FP_STEPS = 16;
const FIRST_PAGE = 4096n;
/** Apple's split of an ARM64 pointer: 47 address bits, the rest pointer-authentication bits. */
const ARM64_ADDRESS_BITS = (1n << 47n) - 1n;

/** Loaded modules by address, for the "does this point into code" test every scan step makes. */
export class ModuleMap {
  private readonly sorted: MinidumpModule[];
  /** The highest address any module covers (ARM64 pointer stripping keeps at least that much). */
  readonly end: bigint;

  constructor(modules: readonly MinidumpModule[]) {
    this.sorted = modules.filter((m) => m.size > 0).sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
    this.end = this.sorted.reduce((end, m) => (m.base + BigInt(m.size) > end ? m.base + BigInt(m.size) : end), 0n);
  }

  /** The module whose range holds `address`, by binary search over the bases. */
  at(address: bigint): MinidumpModule | null {
    let low = 0;
    let high = this.sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const m = this.sorted[middle]!;
      if (address < m.base) high = middle - 1;
      else if (address >= m.base + BigInt(m.size)) low = middle + 1;
      else return m;
    }
    return null;
  }
}

export interface WalkOptions {
  modules: ModuleMap;
  /** Windows x64 frame pointers need the stepped search (see {@link WINDOWS_FP_STEPS}). */
  windows: boolean;
  maxFrames: number;
}

/** The frames of one thread, innermost first (the context frame), at most `options.maxFrames`. */
export function walkStack(context: CpuContext, stack: MemoryRange | null, options: WalkOptions): WalkedFrame[] {
  const walker = new Walker(context, stack, options);
  let state: FrameState = { ip: context.ip, sp: context.sp, fp: context.fp, trust: 'context' };
  const frames: WalkedFrame[] = [{ ip: state.ip, trust: 'context', module: options.modules.at(state.ip) }];
  while (frames.length < options.maxFrames) {
    const byFramePointer = walker.byFramePointer(state);
    if (byFramePointer === 'end') break;
    const caller = byFramePointer ?? walker.byScan(state);
    // An address in the first page is the end of the chain; a stack that does not grow would loop.
    if (!caller || caller.ip < FIRST_PAGE || caller.sp <= state.sp) break;
    frames.push({ ip: caller.ip, trust: caller.trust, module: options.modules.at(caller.ip) });
    state = caller;
  }
  return frames;
}

class Walker {
  private readonly width: bigint;
  private readonly stackEnd: bigint;
  private readonly pointerMask: bigint;

  constructor(private readonly context: CpuContext, private readonly stack: MemoryRange | null, private readonly options: WalkOptions) {
    this.width = BigInt(context.pointerWidth);
    this.stackEnd = stack ? stack.base + BigInt(stack.bytes.length) : 0n;
    // Strips ARMv8.3 pointer-authentication bits: keep every bit a known module address needs.
    const highest = options.modules.end > ARM64_ADDRESS_BITS ? options.modules.end : ARM64_ADDRESS_BITS;
    this.pointerMask = (1n << BigInt(highest.toString(2).length)) - 1n;
  }

  /** The pointer-sized word at `address` of the stack memory; null outside it. */
  private read(address: bigint): bigint | null {
    if (!this.stack || address < this.stack.base || address + this.width > this.stackEnd) return null;
    const at = Number(address - this.stack.base);
    return this.width === 8n ? this.stack.bytes.readBigUInt64LE(at) : BigInt(this.stack.bytes.readUInt32LE(at));
  }

  private strip(value: bigint | null): bigint | null {
    return value !== null && this.context.arch === 'arm64' ? value & this.pointerMask : value;
  }

  /**
   * A return address into user-space code: not in the first page, canonical for its CPU, and the
   * call before it (one byte back: a call to a noreturn function may end its caller) in a module.
   */
  private seemsCode(address: bigint): boolean {
    if (address < FIRST_PAGE) return false;
    if (this.context.arch === 'x86_64' && address > 0x7fffffffffffn && address < 0xffff800000000000n) return false;
    if (this.context.arch === 'arm64' && address > 0x000fffffffffffffn) return false;
    return this.options.modules.at(address - 1n) !== null;
  }

  /**
   * `ip = [fp + ptr]`, `fp = [fp]`, `sp = fp + 2 ptr`, checked as rust-minidump checks it, plus the
   * module test; `'end'` where the chain says the stack ends (ARM64's fp = 0, x86's null return address).
   */
  byFramePointer(state: FrameState): FrameState | 'end' | null {
    if (state.fp === null) return null;
    if (state.fp === 0n) return this.context.arch === 'arm64' ? 'end' : null;
    const steps = this.options.windows && this.context.arch === 'x86_64' ? WINDOWS_FP_STEPS : 1;
    for (let step = 0; step < steps; step++) {
      const record = state.fp + BigInt(step * 16);
      const ip = this.strip(this.read(record + this.width));
      const fp = this.strip(this.read(record));
      if (ip === null || fp === null) return null;
      if (this.context.arch === 'x86' && ip < FIRST_PAGE) return 'end';
      const sp = record + 2n * this.width;
      // rust-minidump holds only x86-64 chains to this order (ARM64's last record holds fp = 0).
      if (this.context.arch === 'x86_64') {
        if (fp < sp) continue;
        if (this.read(fp) === null) return null;
      }
      if (sp <= state.sp || this.read(sp) === null || !this.seemsCode(ip)) continue;
      return { ip, sp, fp, trust: 'fp' };
    }
    return null;
  }

  /** The first word from `sp` up that points into a module; the caller's `sp` is just above it. */
  byScan(state: FrameState): FrameState | null {
    const words = state.trust === 'context' ? CONTEXT_SCAN_WORDS : SCAN_WORDS;
    for (let i = 0; i < words; i++) {
      const address = state.sp + BigInt(i) * this.width;
      const value = this.read(address);
      if (value === null) return null;
      if (this.seemsCode(value)) return { ip: value, sp: address + this.width, fp: this.scannedFramePointer(state, address, i), trust: 'scan' };
    }
    return null;
  }

  /**
   * The caller's frame pointer after a scan (x86 only; rust-minidump restores none on ARM64): the
   * word below the return address when the callee's fp pointed at it (a standard prologue), else
   * the callee's own fp when it lies above the new frame (a function that leaves fp alone).
   */
  private scannedFramePointer(state: FrameState, returnAddressAt: bigint, index: number): bigint | null {
    if (this.context.arch === 'arm64' || state.fp === null || index === 0) return null;
    const savedAt = returnAddressAt - this.width;
    const saved = this.read(savedAt);
    if (state.fp === savedAt && saved !== null && saved > returnAddressAt && saved - savedAt <= MAX_FRAME_GAP) {
      return this.read(saved) !== null ? saved : null;
    }
    return state.fp >= returnAddressAt + this.width ? state.fp : null;
  }
}
