import type { SentryEvent, SentryThread } from '../../shared/sentry';
import { type Component, parent } from './component';
import { isRecord, threadsOf } from './event-fields';
import { preferStacktraceVariants, stacktraceVariants } from './stacktrace-component';

/**
 * The `threads:v1` strategy: the stack trace of the single crashed thread, else the single current
 * thread, else the only thread (Sentry's `strategies/newstyle.py`).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/threads/
 */
export function threadsVariants(event: SentryEvent): Partial<Record<'app' | 'system', Component>> {
  const threads = threadsOf(event);
  if (threads.length === 0) return {};
  const crashed = threads.filter((thread) => thread.crashed === true);
  const current = threads.filter((thread) => thread.current === true);
  const chosen: SentryThread | undefined = [crashed, current, threads].find((list) => list.length === 1)?.[0];
  if (!chosen) {
    const hint = `ignored because it contains neither a single thread nor multiple threads with exactly one crashing or current thread; instead contains ${crashed.length} crashing, ${current.length} current, and ${threads.length} total threads`;
    return { app: { id: 'threads', contributes: false, hint, children: [] } };
  }
  if (!isRecord(chosen.stacktrace) || Object.keys(chosen.stacktrace).length === 0) {
    return { app: { id: 'threads', contributes: false, hint: 'ignored because thread has no stacktrace', children: [] } };
  }
  const stacks = stacktraceVariants(chosen.stacktrace, event);
  return preferStacktraceVariants({ app: parent('threads', [stacks.app]), system: parent('threads', [stacks.system]) });
}
