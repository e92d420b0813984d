/**
 * A JVM thread's `held_locks` (Sentry's lock reasons, from an ANR's thread dump) as a thread dump
 * words them: `waiting to lock <0x0d3a2f0a> (a com.acme.shop.ImageCache) held by thread 11`. The
 * lock type is a bit: 1 locked, 2 waiting, 4 sleeping, 8 blocked.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/lock-reason/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/threads/threadSelector/lockReason.tsx
 */

const VERBS: Record<number, string> = { 1: 'locked', 2: 'waiting on', 4: 'sleeping on', 8: 'waiting to lock' };
const MAX_LOCKS = 50;

export interface LockReason {
  text: string;
  /** The thread that holds the lock, when another one does: the one to look at next. */
  heldBy: string | null;
  blocked: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const id = (v: unknown): string | null => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v !== '') ? String(v) : null;

/** The locks of a thread, the one it is blocked on first; empty when it lists none. */
export function lockReasons(thread: unknown): LockReason[] {
  const t = typeof thread === 'object' && thread !== null ? thread as { id?: unknown; held_locks?: unknown } : {};
  const locks = t.held_locks;
  if (typeof locks !== 'object' || locks === null || Array.isArray(locks)) return [];
  const own = id(t.id);
  const out: LockReason[] = [];
  for (const [key, raw] of Object.entries(locks as Record<string, unknown>).slice(0, MAX_LOCKS)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const lock = raw as Record<string, unknown>;
    const type = typeof lock.type === 'number' ? lock.type : 0;
    const verb = VERBS[type] ?? 'holds';
    const address = str(lock.address) ?? str(key) ?? 'unknown object';
    const cls = str(lock.class_name);
    const pkg = str(lock.package_name);
    const of = cls !== null ? ` (a ${pkg !== null && !cls.startsWith(`${pkg}.`) ? `${pkg}.` : ''}${cls})` : '';
    const holder = id(lock.thread_id);
    const heldBy = holder !== null && holder !== own ? holder : null;
    out.push({ text: `${verb} <${address}>${of}${heldBy !== null ? ` held by thread ${heldBy}` : ''}`, heldBy, blocked: type === 8 });
  }
  return out.sort((a, b) => Number(b.blocked) - Number(a.blocked));
}
