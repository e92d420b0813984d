import { memo, useState } from 'react';
import type { ItemKind } from '../../../../shared/api-types';
import { AnsiText } from '../../components/AnsiText';
import { LevelBar } from '../../components/LevelBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { byteSize } from '../../lib/format';
import { hrefOf } from '../../routing/navigation';
import type { StreamEntry } from '../../store/stream-slice';
import { ItemPayload } from './ItemPayload';
import { SegmentSummary } from './SegmentSummary';

export const STREAM_ROW_HEIGHT = 44;

/** An event at warning level or below (a captured message) is no "Error". */
function kindLabel(kind: ItemKind, level: string | null): string {
  if (kind === 'event' && level !== null && level !== 'error' && level !== 'fatal') return 'Event';
  return KIND_LABEL[kind] ?? kind;
}

const KIND_LABEL: Partial<Record<ItemKind, string>> = {
  event: 'Error', transaction: 'Transaction', span: 'Span', log: 'Log', session: 'Session', sessions: 'Sessions',
  check_in: 'Check-in', client_report: 'Client report', feedback: 'Feedback', user_report: 'User report',
  replay_event: 'Replay', replay_recording: 'Replay data', replay_video: 'Replay video', attachment: 'Attachment',
  profile: 'Profile', profile_chunk: 'Profile', trace_metric: 'Metric', other: 'Other',
};

/** Where clicking an item leads, or null when there is nothing more to show. */
function targetOf(entry: StreamEntry): string | null {
  if (entry.kind !== 'item') return null;
  const { item } = entry;
  if (item.kind === 'replay_event' && item.eventId) return hrefOf({ name: 'replay', replayId: item.eventId });
  if (item.kind === 'profile' || item.kind === 'profile_chunk') return hrefOf({ name: 'profile', source: 'item', id: String(item.seq) });
  if (item.issueId !== null && item.eventId) return hrefOf({ name: 'issue', issueId: item.issueId, eventId: item.eventId });
  if (item.eventId && (item.kind === 'event' || item.kind === 'transaction' || item.kind === 'feedback')) return hrefOf({ name: 'event', eventId: item.eventId });
  if (item.kind === 'check_in' && item.monitor) {
    const { slug, environment } = item.monitor;
    return hrefOf({ name: 'cron', project: item.projectId, slug, ...(environment ? { environment } : {}) });
  }
  return null;
}

function StreamRowImpl({ entry, project }: { entry: StreamEntry; project: string | null }) {
  const [open, setOpen] = useState(false);
  if (entry.kind === 'rejected') {
    const e = entry.envelope;
    return (
      <div className="stream-row rejected" data-testid="stream-row" data-kind="rejected">
        <span className="level-bar level-fatal" aria-hidden="true" />
        <span className="kind-chip kind-rejected">Rejected {e.status}</span>
        <button type="button" className="stream-title link-btn" onClick={() => setOpen(!open)} title="Show request headers">
          <span data-testid="rejected-reason">{e.reason ?? 'rejected'}</span>
          <span className="muted small"> · {e.method} {e.route} · {byteSize(e.size)}{e.client ? ` · ${e.client}` : ''}</span>
        </button>
        <RelativeTime ms={e.received} />
        {open && <pre className="stream-detail mono">{Object.entries(e.headers ?? {}).slice(0, 100).map(([k, v]) => `${k}: ${String(v)}`).join('\n')}</pre>}
      </div>
    );
  }
  const { item } = entry;
  const href = targetOf(entry);
  // A span item is named by its segment (root span), not "10 spans".
  const title = item.segment?.name || item.title || KIND_LABEL[item.kind] || item.kind;
  return (
    <div className={`stream-row${item.segment ? ' has-segment' : ''}`} data-testid="stream-row" data-kind={item.kind}>
      <LevelBar level={item.level ?? (item.kind === 'event' ? 'error' : 'default')} />
      <span className={`kind-chip kind-${item.kind}`}>{kindLabel(item.kind, item.level)}</span>
      {href ? <a className="stream-title ellipsis" href={href}><AnsiText text={title} /></a> : (
        // Items without a page of their own (logs, spans, sessions, …) open their payload in place.
        <button type="button" className="stream-title link-btn ellipsis stream-expand" onClick={() => setOpen(!open)} aria-expanded={open}
          title={open ? 'Hide the payload' : 'Show the payload as sent'} data-testid="stream-row-expand">
          <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span> <AnsiText text={title} />
        </button>
      )}
      {item.segment && <SegmentSummary segment={item.segment} />}
      <span className="muted small ellipsis stream-project">{project ?? ''}</span>
      <RelativeTime ms={item.received} />
      {open && !href && <ItemPayload seq={item.seq} />}
    </div>
  );
}

export const StreamRow = memo(StreamRowImpl);
