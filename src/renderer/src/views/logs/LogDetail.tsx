import type { LogEntry } from '../../../../shared/api-types';
import { TruncatedText } from '../../components/TruncatedText';
import { LogAttributes } from './LogAttributes';

/** An opened log line: its whole body (as much as was stored) and its attributes, in the Logs view and beside an event. */
export function LogDetail({ log, onFilter, className, testId }: {
  log: LogEntry; onFilter: (key: string, value: string) => void; className: string; testId: string;
}) {
  return (
    <div className={className} data-testid={testId}>
      <TruncatedText text={log.body} pre limit={4000} className="log-full-body" ansi mask />
      {log.bodyTruncated && <p className="muted small">The body is {log.bodyLength?.toLocaleString()} characters; the first 20,000 are shown.</p>}
      <LogAttributes log={log} onFilter={onFilter} />
    </div>
  );
}
