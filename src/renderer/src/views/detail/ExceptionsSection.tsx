import { useMemo, useState } from 'react';
import type { SentryEvent } from '../../../../shared/sentry';
import { Section } from '../../components/Section';
import { exceptionsOf, orderExceptions, threadsOf } from '../../lib/exceptions';
import { ExceptionView, isMessageStack, type TraceToggles } from './ExceptionView';

const MAX_EXCEPTIONS = 100;

export function Toggle({ on, label, onClick, testId }: { on: boolean; label: string; onClick: () => void; testId: string }) {
  return <button type="button" className={`toggle ${on ? 'on' : ''}`} aria-pressed={on} onClick={onClick} data-testid={testId}>{label}</button>;
}

/** The exception chain, newest first, with the full / raw / minified toggles. */
export function ExceptionsSection({ event }: { event: SentryEvent }) {
  const values = useMemo(() => exceptionsOf(event), [event]);
  const entries = useMemo(() => orderExceptions(values, event.platform).slice(0, MAX_EXCEPTIONS), [values, event.platform]);
  const threadStacks = useMemo(() => new Map(threadsOf(event).map((t) => [String(t.id), t.stacktrace])), [event]);
  const [toggles, setToggles] = useState<TraceToggles>({ full: false, raw: false, minified: false });
  if (entries.length === 0) return null;
  const hasMinified = values.some((e) => typeof e.raw_stacktrace === 'object' && e.raw_stacktrace !== null);
  const flip = (key: keyof TraceToggles) => () => setToggles({ ...toggles, [key]: !toggles[key] });
  const actions = (
    <div className="button-group">
      <Toggle on={toggles.full} label="Full stack" onClick={flip('full')} testId="toggle-full" />
      <Toggle on={toggles.raw} label="Raw" onClick={flip('raw')} testId="toggle-raw" />
      {hasMinified && <Toggle on={toggles.minified} label="Minified" onClick={flip('minified')} testId="toggle-minified" />}
    </div>
  );
  return (
    <Section title={entries.length > 1 ? `Exceptions (${values.length})` : entries[0] && isMessageStack(entries[0].exception) ? 'Stack trace' : 'Exception'}
      actions={actions} testId="exception-chain" id="exception">
      {entries.map((entry, i) => (
        // Newest first: the first entry is the crashing exception, the last of `values`.
        <ExceptionView key={i} entry={entry} toggles={toggles} crashing={i === 0}
          threadStack={entry.exception.thread_id !== undefined ? threadStacks.get(String(entry.exception.thread_id)) : undefined} />
      ))}
      {values.length > MAX_EXCEPTIONS && <p className="muted small">{values.length - MAX_EXCEPTIONS} more exceptions not shown (see raw JSON).</p>}
    </Section>
  );
}
