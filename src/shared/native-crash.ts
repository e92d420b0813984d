/**
 * The facts of a native crash that the issue page, its raw text and the bug reports all need: the
 * crashed thread and its stack (a native SDK leaves the stack on the thread, the exception names it
 * by `thread_id`), the mechanism's signal / Mach exception / errno, and whether an event is native.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/threads/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/#meta-information
 */

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : null);
const values = (v: unknown): Obj[] => {
  const list = Array.isArray(v) ? v : obj(v)?.values;
  return Array.isArray(list) ? list.map(obj).filter((o): o is Obj => o !== null) : [];
};
const framesOf = (stack: unknown): unknown[] => {
  const frames = obj(stack)?.frames;
  return Array.isArray(frames) ? frames : [];
};
const idKey = (id: unknown): string | null => (typeof id === 'number' || typeof id === 'string') && id !== '' ? String(id) : null;

/** Platforms whose frames are machine addresses in loaded images (Sentry's `isNativePlatform`). */
const NATIVE_PLATFORMS = new Set(['native', 'cocoa', 'objc', 'swift', 'c', 'cpp']);

/** Whether a platform's frames are native code (Sentry's `isNativePlatform`). */
export function isNativePlatform(platform: unknown): boolean {
  return typeof platform === 'string' && NATIVE_PLATFORMS.has(platform);
}

/** Whether the event is a native crash: a native platform, or frames placed by address in listed images. */
export function isNativeEvent(payload: unknown): boolean {
  const p = obj(payload);
  if (!p) return false;
  if (isNativePlatform(p.platform)) return true;
  const images = obj(p.debug_meta)?.images;
  return Array.isArray(images) && images.some((i) => ['elf', 'macho', 'pe', 'symbolic'].includes(String(obj(i)?.type)));
}

export interface CrashedThread {
  /** The thread's id as sent (number or string), null when the event has no threads. */
  id: string | null;
  name: string | null;
  /** The stack to show: the thread's own, else the exception's raised on it. */
  stacktrace: Obj | null;
  registers: Obj | null;
}

/**
 * The thread that crashed (`crashed: true`, else the exception's `thread_id`, else the current one)
 * with its stack and registers; null when the event has no thread and no exception stack.
 */
export function crashedThread(payload: unknown): CrashedThread | null {
  const p = obj(payload) ?? {};
  const threads = values(p.threads);
  const exceptions = values(p.exception);
  const last = exceptions[exceptions.length - 1];
  const raisedOn = idKey(last?.thread_id);
  const thread = threads.find((t) => t.crashed === true)
    ?? (raisedOn === null ? undefined : threads.find((t) => idKey(t.id) === raisedOn))
    ?? threads.find((t) => t.current === true);
  const own = obj(thread?.stacktrace);
  const fromException = exceptions.find((e) => idKey(e.thread_id) !== null && idKey(e.thread_id) === idKey(thread?.id) && framesOf(e.stacktrace).length > 0);
  const stacktrace = own && framesOf(own).length > 0 ? own : obj(fromException?.stacktrace) ?? obj(last?.stacktrace);
  if (!thread && !stacktrace) return null;
  const registers = obj(stacktrace?.registers) ?? obj(own?.registers);
  return {
    id: idKey(thread?.id) ?? raisedOn, name: typeof thread?.name === 'string' && thread.name ? thread.name : null,
    stacktrace: stacktrace ?? null, registers,
  };
}

/** The stack a thread's picker shows: its own, else the exception's raised on it (`thread_id`). */
export function threadStackOf(payload: unknown, thread: unknown): Obj | null {
  const t = obj(thread);
  if (!t) return null;
  const own = obj(t.stacktrace);
  if (own && framesOf(own).length > 0) return own;
  const key = idKey(t.id);
  if (key === null) return null;
  const raised = values(obj(payload)?.exception).find((e) => idKey(e.thread_id) === key && framesOf(e.stacktrace).length > 0);
  return obj(raised?.stacktrace);
}

/** One fact of a mechanism's `meta`: label and text, e.g. `Signal`, `SIGSEGV (11), code 1 SEGV_MAPERR`. */
export interface MechanismFact { label: string; text: string }

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const name = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function named(label: string | null, n: number | null): string | null {
  if (label !== null) return n === null ? label : `${label} (${n})`;
  return n === null ? null : String(n);
}

/**
 * What the OS recorded about the crash (`mechanism.meta`): the POSIX signal with its code, the Mach
 * exception with code and subcode, the errno; plus the mechanism type and whether it was handled.
 */
export function mechanismFacts(mechanism: unknown): MechanismFact[] {
  const m = obj(mechanism);
  if (!m) return [];
  const facts: MechanismFact[] = [];
  const kind = [name(m.type), m.handled === false ? 'unhandled' : m.handled === true ? 'handled' : null].filter(Boolean).join(', ');
  if (kind) facts.push({ label: 'Mechanism', text: kind });
  const meta = obj(m.meta) ?? {};
  const signal = obj(meta.signal);
  const sig = named(name(signal?.name), num(signal?.number));
  if (sig !== null) {
    const code = named(name(signal?.code_name), num(signal?.code));
    facts.push({ label: 'Signal', text: code === null ? sig : `${sig}, code ${code}` });
  }
  const mach = obj(meta.mach_exception);
  const exc = named(name(mach?.name), num(mach?.exception));
  if (exc !== null) {
    const extra = [num(mach?.code) === null ? null : `code ${hexOrNumber(mach?.code)}`, num(mach?.subcode) === null ? null : `subcode ${hexOrNumber(mach?.subcode)}`];
    facts.push({ label: 'Mach exception', text: [exc, ...extra.filter(Boolean)].join(', ') });
  }
  const errno = obj(meta.errno);
  const err = named(name(errno?.name), num(errno?.number));
  if (err !== null) facts.push({ label: 'Errno', text: err });
  return facts;
}

/** Mach codes are often addresses: shown in hex when large. */
function hexOrNumber(v: unknown): string {
  const n = num(v) ?? 0;
  return n > 0xffff && Number.isSafeInteger(n) ? `0x${n.toString(16)}` : String(n);
}
