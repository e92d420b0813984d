import { useMemo, useState } from 'react';
import type { SentryEvent, SentryThread } from '../../../../shared/sentry';
import { Section } from '../../components/Section';
import { framesOf } from '../../lib/stacktrace';
import { threadsOf } from '../../lib/exceptions';
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

/** Threads with stack traces (crashed first); also the top-level `stacktrace` of message events. */
export function ThreadsSection({ event, hasExceptions }: { event: SentryEvent; hasExceptions: boolean }) {
  const threads = useMemo(() => threadsOf(event).filter((t) => framesOf(t.stacktrace).length > 0), [event]);
  const initial = Math.max(0, threads.findIndex((t) => t.crashed === true));
  const [index, setIndex] = useState(initial);
  const [full, setFull] = useState(false);
  const topFrames = useMemo(() => framesOf(event.stacktrace), [event]);
  if (threads.length === 0 && topFrames.length === 0) return null;
  const thread = threads[Math.min(index, threads.length - 1)];
  const frames = thread ? framesOf(thread.stacktrace) : topFrames;
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
    <Section title={thread ? `Thread: ${threadLabel(thread, index)}` : 'Stack trace'} actions={actions} defaultOpen={!hasExceptions} testId="threads">
      <StackTraceView frames={frames} full={full} raw={false} title={thread ? threadLabel(thread, index) : 'Stack trace'} />
      <RegistersView stacktrace={thread ? thread.stacktrace : event.stacktrace} />
    </Section>
  );
}
