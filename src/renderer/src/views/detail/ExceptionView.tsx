import type { SentryException } from '../../../../shared/sentry';
import { TruncatedText } from '../../components/TruncatedText';
import { exceptionTitle, type ExceptionEntry } from '../../lib/exceptions';
import { framesOf } from '../../lib/stacktrace';
import { RegistersView } from './RegistersView';
import { mechanismLabel } from '../../lib/mechanism-label';
import { useStore } from '../../store';
import { StackTraceView } from './StackTraceView';
import { revealFormatChars } from '../../../../shared/format-chars';

export interface TraceToggles { full: boolean; raw: boolean; minified: boolean }

/** A synthetic exception without a type: where a message was captured, not an error. */
export function isMessageStack(e: SentryException): boolean {
  return typeof e.mechanism === 'object' && e.mechanism !== null && e.mechanism.synthetic === true && !(typeof e.type === 'string' && e.type);
}

/**
 * One exception of the chain: type, value, mechanism, and its stack trace. `crashing`: the
 * exception that ended the program (the last of the chain), whose innermost in-app frame opens.
 */
export function ExceptionView({ entry, toggles, threadStack, crashing = true }: { entry: ExceptionEntry; toggles: TraceToggles; threadStack?: unknown; crashing?: boolean }) {
  const e = entry.exception;
  const useRaw = toggles.minified && typeof e.raw_stacktrace === 'object' && e.raw_stacktrace !== null;
  const own = framesOf(useRaw ? e.raw_stacktrace : e.stacktrace);
  // A native crash's exception names its thread (`thread_id`) and leaves the stack there, as Sentry shows it.
  const frames = own.length > 0 ? own : framesOf(threadStack);
  const stack = own.length > 0 ? (useRaw ? e.raw_stacktrace : e.stacktrace) : threadStack;
  // Relay names an errno or signal for the event's OS (`errno ENOENT (2)`).
  const osName = useStore((st) => st.event?.payload.contexts?.os?.name);
  const mech = mechanismLabel(e.mechanism, osName);
  const type = typeof e.type === 'string' ? e.type : '';
  const value = typeof e.value === 'string' ? e.value : '';
  // captureMessage with attachStacktrace: the SDK's stack of the call, no error (the Message section has the text).
  if (isMessageStack(e)) {
    return (
      <div className="exception" data-testid="exception">
        <StackTraceView key={useRaw ? 'minified' : 'original'} frames={frames} full={toggles.full} raw={toggles.raw} title={exceptionTitle(e)}
          expandFirst={crashing} />
      </div>
    );
  }
  return (
    <div className={`exception depth-${Math.min(entry.depth, 6)}`} style={{ marginLeft: Math.min(entry.depth, 6) * 20 }} data-testid="exception">
      {/* Python's sentences read as sentences; short labels ("Caused by") as a caption. */}
      {entry.relation && <div className={`exception-relation ${entry.relation.includes(' ') && entry.relation.length > 20 ? 'is-sentence' : ''}`}
        data-testid="exception-relation">{entry.relation}</div>}
      <div className="exception-head">
        <span className="exception-type" data-testid="exception-type">{revealFormatChars(type || 'Error')}</span>
        {entry.isGroup && <span className="badge">exception group</span>}
        {mech && <span className={`badge ${mech.includes('unhandled') ? 'badge-danger' : ''}`} data-testid="exception-mechanism">{mech}</span>}
        {typeof e.module === 'string' && e.module && <span className="muted small mono">{e.module}</span>}
      </div>
      {value && <TruncatedText className="exception-value" text={value} limit={1000} testId="exception-value" ansi mask reveal />}
      {/* keyed so frame state (opened rows, loaded lines) is not carried between minified and original frames */}
      <StackTraceView key={useRaw ? 'minified' : 'original'} frames={frames} full={toggles.full} raw={toggles.raw} title={exceptionTitle(e)}
          expandFirst={crashing} />
      {!toggles.raw && <RegistersView stacktrace={stack} />}
    </div>
  );
}
