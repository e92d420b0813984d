import type { SentryException } from '../../../../shared/sentry';
import { TruncatedText } from '../../components/TruncatedText';
import { exceptionTitle, type ExceptionEntry } from '../../lib/exceptions';
import { framesOf } from '../../lib/stacktrace';
import { RegistersView } from './RegistersView';
import { StackTraceView } from './StackTraceView';

export interface TraceToggles { full: boolean; raw: boolean; minified: boolean }

function mechanismLabel(e: SentryException): string | null {
  const m = e.mechanism;
  if (typeof m !== 'object' || m === null) return null;
  const parts = [typeof m.type === 'string' ? m.type : null, m.handled === false ? 'unhandled' : m.handled === true ? 'handled' : null, ...crashMeta(m)];
  return parts.filter(Boolean).join(' · ') || null;
}

/**
 * What a native crash handler recorded (`mechanism.meta`): the POSIX signal, the Mach exception,
 * errno, as Sentry prints them (`SIGSEGV (11)`, `EXC_BAD_ACCESS`).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/#meta-information
 */
function crashMeta(m: NonNullable<SentryException['mechanism']>): string[] {
  const meta = (m as { meta?: unknown }).meta;
  if (typeof meta !== 'object' || meta === null) return [];
  const named = (v: unknown, nameKey: string, numberKey: string): string | null => {
    if (typeof v !== 'object' || v === null) return null;
    const o = v as Record<string, unknown>;
    const name = typeof o[nameKey] === 'string' ? o[nameKey] : null;
    const num = typeof o[numberKey] === 'number' ? o[numberKey] : null;
    return name && num !== null ? `${name} (${num})` : name ?? (num !== null ? `${numberKey} ${num}` : null);
  };
  const { signal, mach_exception: mach, errno } = meta as Record<string, unknown>;
  return [named(signal, 'name', 'number'), named(mach, 'name', 'exception'), named(errno, 'name', 'number')].filter((p): p is string => p !== null);
}

/** A synthetic exception without a type: where a message was captured, not an error. */
export function isMessageStack(e: SentryException): boolean {
  return typeof e.mechanism === 'object' && e.mechanism !== null && e.mechanism.synthetic === true && !(typeof e.type === 'string' && e.type);
}

/** One exception of the chain: type, value, mechanism, and its stack trace. */
export function ExceptionView({ entry, toggles, threadStack }: { entry: ExceptionEntry; toggles: TraceToggles; threadStack?: unknown }) {
  const e = entry.exception;
  const useRaw = toggles.minified && typeof e.raw_stacktrace === 'object' && e.raw_stacktrace !== null;
  const own = framesOf(useRaw ? e.raw_stacktrace : e.stacktrace);
  // A native crash's exception names its thread (`thread_id`) and leaves the stack there, as Sentry shows it.
  const frames = own.length > 0 ? own : framesOf(threadStack);
  const stack = own.length > 0 ? (useRaw ? e.raw_stacktrace : e.stacktrace) : threadStack;
  const mech = mechanismLabel(e);
  const type = typeof e.type === 'string' ? e.type : '';
  const value = typeof e.value === 'string' ? e.value : '';
  // captureMessage with attachStacktrace: the SDK's stack of the call, no error (the Message section has the text).
  if (isMessageStack(e)) {
    return (
      <div className="exception" data-testid="exception">
        <StackTraceView key={useRaw ? 'minified' : 'original'} frames={frames} full={toggles.full} raw={toggles.raw} title={exceptionTitle(e)} />
      </div>
    );
  }
  return (
    <div className={`exception depth-${Math.min(entry.depth, 6)}`} style={{ marginLeft: Math.min(entry.depth, 6) * 20 }} data-testid="exception">
      {entry.relation && <div className="exception-relation">{entry.relation}</div>}
      <div className="exception-head">
        <span className="exception-type" data-testid="exception-type">{type || 'Error'}</span>
        {entry.isGroup && <span className="badge">exception group</span>}
        {mech && <span className={`badge ${mech.includes('unhandled') ? 'badge-danger' : ''}`}>{mech}</span>}
        {typeof e.module === 'string' && e.module && <span className="muted small mono">{e.module}</span>}
      </div>
      {value && <TruncatedText className="exception-value" text={value} limit={1000} testId="exception-value" ansi />}
      {/* keyed so frame state (opened rows, loaded lines) is not carried between minified and original frames */}
      <StackTraceView key={useRaw ? 'minified' : 'original'} frames={frames} full={toggles.full} raw={toggles.raw} title={exceptionTitle(e)} />
      {!toggles.raw && <RegistersView stacktrace={stack} />}
    </div>
  );
}
