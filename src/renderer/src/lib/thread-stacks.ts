/**
 * The threads an event's thread picker lists, each with its stack trace, as Sentry's threads
 * interface reads them: a thread without a stack trace of its own shows the one of the exception
 * raised on it (`exception.thread_id`), which is where a native crash's SDK or symbolicator puts
 * the crashed thread's stack. The picker opens on the crashed thread, as Sentry's `findBestThread`.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/threads/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/threads/threadSelector/getThreadStacktrace.tsx
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/threads/threadSelector/findBestThread.tsx
 */
import type { SentryEvent, SentryStacktrace, SentryThread } from '../../../shared/sentry';
import { exceptionsOf, threadsOf } from './exceptions';
import { framesOf } from './stacktrace';

export interface ThreadStack {
  thread: SentryThread;
  stacktrace: SentryStacktrace;
  /** The stack is the exception's raised on this thread, not the thread's own. */
  fromException: boolean;
}

/** A thread id as SDKs send it (number or string), compared as text. */
const idKey = (id: unknown): string | null => (typeof id === 'number' || typeof id === 'string') && id !== '' ? String(id) : null;

/** The threads that have frames, in the event's order, each with the stack trace to show. */
export function threadStacks(event: SentryEvent): ThreadStack[] {
  const byThread = new Map<string, SentryStacktrace>();
  for (const exception of exceptionsOf(event)) {
    const key = idKey(exception.thread_id);
    const stacktrace = exception.stacktrace;
    if (key !== null && stacktrace && framesOf(stacktrace).length > 0 && !byThread.has(key)) byThread.set(key, stacktrace);
  }
  const out: ThreadStack[] = [];
  for (const thread of threadsOf(event)) {
    if (thread.stacktrace && framesOf(thread.stacktrace).length > 0) {
      out.push({ thread, stacktrace: thread.stacktrace, fromException: false });
      continue;
    }
    const key = idKey(thread.id);
    const raised = key === null ? undefined : byThread.get(key);
    if (raised) out.push({ thread, stacktrace: raised, fromException: true });
  }
  return out;
}

/** Which of `stacks` the picker opens on: the crashed thread, else the first. */
export function initialThread(stacks: readonly ThreadStack[]): number {
  return Math.max(0, stacks.findIndex((s) => s.thread.crashed === true));
}
