import { useMemo, useState } from 'react';
import type { SentryEvent, SentryThread } from '../../../../shared/sentry';
import { Section } from '../../components/Section';
import { framesOf } from '../../lib/stacktrace';
import { Toggle } from './ExceptionsSection';
import { StackTraceView } from './StackTraceView';

const MAX_THREADS = 500;

function threadsOf(event: SentryEvent): SentryThread[] {
  const v: unknown = event.threads?.values;
  if (!Array.isArray(v)) return [];
  return v.filter((t): t is SentryThread => typeof t === 'object' && t !== null).slice(0, MAX_THREADS);
}

function threadLabel(t: SentryThread, i: number): string {
  const name = typeof t.name === 'string' && t.name ? t.name : `Thread ${t.id ?? i}`;
  const flags = [t.crashed ? 'crashed' : '', t.current ? 'current' : '', t.main ? 'main' : ''].filter(Boolean);
  return flags.length ? `${name} (${flags.join(', ')})` : name;
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
    </Section>
  );
}
