import { useState } from 'react';
import type { EventDetail, LogEntry } from '../../../../shared/api-types';
import { Section } from '../../components/Section';
import { AnsiText } from '../../components/AnsiText';
import { LevelBar, levelClass } from '../../components/LevelBadge';
import { absoluteTime, offsetLabel } from '../../lib/format';
import { hrefOf, navigate } from '../../routing/navigation';
import { LogDetail } from '../logs/LogDetail';
import { withAttributeFilter } from '../logs/log-search-suggest';
import { traceIdOf } from './LinksSection';
import { useEventLogs } from './use-event-logs';
import './event-logs.css';
import { maskedText } from '../../../../shared/screen-mask';

const TRACE_ID = /^[0-9a-fA-F]{32}$/;

/**
 * The logs of the event's trace around the event, as Sentry's issue page shows them ("Logs", with the
 * error placed among them in time): level, time relative to the event, message, and its attributes
 * on expand; the Logs view, filtered by the trace, has the rest.
 * @see https://docs.sentry.io/product/explore/logs/
 * @see https://github.com/getsentry/sentry/pull/103649 (the error event shown in the log list)
 */
export function EventLogsSection({ detail }: { detail: EventDetail }) {
  const raw = traceIdOf(detail)?.replace(/-/g, '') ?? '';
  if (!TRACE_ID.test(raw)) return null;
  return <EventLogs traceId={raw.toLowerCase()} momentMs={detail.timestamp} />;
}

function EventLogs({ traceId, momentMs }: { traceId: string; momentMs: number }) {
  const logs = useEventLogs(traceId, momentMs);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  // A trace without logs shows nothing (as Sentry), until its logs stream in.
  if (!logs.error && logs.before.length === 0 && logs.after.length === 0) return null;
  const toggle = (id: number) => setOpen((s) => { const next = new Set(s); if (!next.delete(id)) next.add(id); return next; });
  const inLogsView = hrefOf({ name: 'logs', filters: { trace: traceId } });
  // An attribute clicked in an expanded log filters the Logs view of this trace by it.
  const filter = (key: string, value: string) => navigate({ name: 'logs', filters: { trace: traceId, query: withAttributeFilter('', key, value) } });
  const row = (log: LogEntry) => <EventLogRow key={log.id} log={log} momentMs={momentMs} open={open.has(log.id)} onToggle={toggle} onFilter={filter} />;
  const shownCount = logs.before.length + logs.after.length;
  return (
    <Section title={`Logs (${shownCount}${logs.moreBefore > 0 || logs.moreAfter > 0 ? '+' : ''})`} testId="event-logs"
      actions={<a className="btn btn-small" href={inLogsView} data-testid="event-logs-open">Open in Logs</a>}>
      {logs.error && <p className="error-text small">{logs.error}</p>}
      {logs.moreBefore > 0 && <MoreButton side="before" shown={logs.before.length} adds={logs.moreBefore} onMore={logs.showMore} href={inLogsView} />}
      <div className="event-logs" role="list" aria-label="Logs of this event's trace, in time order">
        {logs.before.map(row)}
        <div className="event-logs-moment" role="listitem" data-testid="event-logs-moment" title={absoluteTime(momentMs)}>
          <span className="event-logs-moment-line" aria-hidden="true" />
          <span>This event · {absoluteTime(momentMs)}</span>
          <span className="event-logs-moment-line" aria-hidden="true" />
        </div>
        {logs.after.map(row)}
      </div>
      {logs.moreAfter > 0 && <MoreButton side="after" shown={logs.after.length} adds={logs.moreAfter} onMore={logs.showMore} href={inLogsView} />}
    </Section>
  );
}

/** Logs come milliseconds apart around an error: under a second the offset is in ms (`-3ms`), then as breadcrumbs' (`-1.52s`). */
function offsetFromEvent(ms: number, momentMs: number): string {
  const diff = ms - momentMs;
  if (Math.abs(diff) >= 1000) return offsetLabel(ms, momentMs);
  const rounded = Math.round(Math.abs(diff));
  return rounded === 0 ? '0ms' : `${diff < 0 ? '-' : '+'}${rounded}ms`;
}

interface MoreProps { side: 'before' | 'after'; shown: number; adds: number; onMore: (side: 'before' | 'after') => void; href: string }

/** "Show 3 earlier logs": the number is what the click adds, read ahead by `useEventLogs`, never more than are left. */
function MoreButton({ side, shown, adds, onMore, href }: MoreProps) {
  const label = side === 'before' ? 'earlier' : 'later';
  if (shown >= 500) return <a className="event-logs-more small" href={href}>More {label} logs in the Logs view</a>;
  return (
    <button type="button" className="link-btn event-logs-more small" data-testid={`event-logs-more-${side}`} onClick={() => onMore(side)}>
      Show {adds} {label} {adds === 1 ? 'log' : 'logs'}
    </button>
  );
}

interface RowProps {
  log: LogEntry;
  momentMs: number;
  open: boolean;
  onToggle: (id: number) => void;
  onFilter: (key: string, value: string) => void;
}

function EventLogRow({ log, momentMs, open, onToggle, onFilter }: RowProps) {
  const level = log.level ?? 'log';
  const side = log.timestamp <= momentMs ? 'before' : 'after';
  return (
    <div className={`event-log${open ? ' is-open' : ''}`} role="listitem" data-testid="event-log" data-side={side} data-level={level}>
      <div className="event-log-line">
        <LevelBar level={log.level} />
        <span className={`level-text level-${levelClass(log.level)} small`} data-testid="event-log-level">{level}</span>
        <time className="mono small muted event-log-offset" title={absoluteTime(log.timestamp)} data-testid="event-log-offset">
          {offsetFromEvent(log.timestamp, momentMs)}
        </time>
        <button type="button" className="link-btn event-log-body ellipsis mono" aria-expanded={open} onClick={() => onToggle(log.id)}
          title={open ? 'Hide attributes' : 'Show attributes'} data-testid="event-log-body">{log.body ? <AnsiText text={maskedText(log.body) ?? log.body} /> : '(empty)'}</button>
      </div>
      {open && (
        <LogDetail log={log} onFilter={onFilter} className="event-log-detail" testId="event-log-detail" />
      )}
    </div>
  );
}
