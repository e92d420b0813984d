import { useMemo, useState } from 'react';
import type { SentryEvent, SentryThread } from '../../../../shared/sentry';
import { Section } from '../../components/Section';
import { framesOf } from '../../lib/stacktrace';
import { lockReasons } from '../../lib/thread-locks';
import { initialThread, threadStacks } from '../../lib/thread-stacks';
import { Toggle } from './ExceptionsSection';
import { RegistersView } from './RegistersView';
import { StackTraceView } from './StackTraceView';

function threadLabel(t: SentryThread, i: number): string {
  const name = typeof t.name === 'string' && t.name ? t.name : `Thread ${t.id ?? i}`;
  const flags = [t.crashed ? 'crashed' : '', t.current ? 'current' : '', t.main ? 'main' : ''].filter(Boolean);
  // A JVM thread's state (RUNNABLE, BLOCKED…) and the locks it holds: what an ANR comes down to.
  const raw = t as { state?: unknown; held_locks?: unknown };
  const state = typeof raw.state === 'string' && raw.state ? ` · ${raw.state}` : '';
  const locks = typeof raw.held_locks === 'object' && raw.held_locks !== null ? Object.keys(raw.held_locks).length : 0;
  const held = locks > 0 ? ` · holds ${locks} lock${locks === 1 ? '' : 's'}` : '';
  return `${flags.length ? `${name} (${flags.join(', ')})` : name}${state}${held}`;
}

/** The shown thread's locks, as a thread dump words them, the one it waits for first. */
function HeldLocks({ thread }: { thread: SentryThread }) {
  const locks = useMemo(() => lockReasons(thread), [thread]);
  if (locks.length === 0) return null;
  return (
    <ul className="held-locks small mono" data-testid="held-locks" aria-label="Locks">
      {locks.map((l, i) => <li key={i} data-testid="held-lock">{l.text}</li>)}
    </ul>
  );
}

/**
 * Threads with stack traces (the crashed one's may be its exception's), opened on the crashed
 * one; also the top-level `stacktrace` of message events. Open from the start when there is a
 * thread to pick, as Sentry puts the picker in the stack's header.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/threads.tsx
 */
export function ThreadsSection({ event, hasExceptions }: { event: SentryEvent; hasExceptions: boolean }) {
  const stacks = useMemo(() => threadStacks(event), [event]);
  const threads = stacks.map((s) => s.thread);
  const [index, setIndex] = useState(() => initialThread(stacks));
  const [full, setFull] = useState(false);
  const topFrames = useMemo(() => framesOf(event.stacktrace), [event]);
  if (threads.length === 0 && topFrames.length === 0) return null;
  const shown = stacks[Math.min(index, stacks.length - 1)];
  const thread = shown?.thread;
  const frames = shown ? framesOf(shown.stacktrace) : topFrames;
  const actions = (
    <div className="button-group">
      {threads.length > 1 && (
        <select value={index} onChange={(e) => setIndex(Number(e.target.value))} aria-label="Thread" data-testid="thread-select">
          {threads.map((t, i) => <option key={i} value={i}>{threadLabel(t, i)}</option>)}
        </select>
      )}
      <Toggle on={full} label="Full stack" onClick={() => setFull(!full)} testId="toggle-thread-full" />
    </div>
  );
  return (
    <Section title={thread ? `Thread: ${threadLabel(thread, index)}` : 'Stack trace'} actions={actions} defaultOpen={!hasExceptions || threads.length > 1} testId="threads">
      {thread && <HeldLocks thread={thread} />}
      <StackTraceView key={index} frames={frames} full={full} raw={false} title={thread ? threadLabel(thread, index) : 'Stack trace'} />
      <RegistersView stacktrace={shown ? shown.stacktrace : event.stacktrace} />
    </Section>
  );
}
