import { memo } from 'react';
import type { LogEntry } from '../../../../shared/api-types';
import { LevelBar, levelClass } from '../../components/LevelBadge';
import { AnsiText } from '../../components/AnsiText';
import { absoluteTime, logTime } from '../../lib/format';
import { LogDetail } from './LogDetail';
import { hrefOf } from '../../routing/navigation';
import { maskedText } from '../../../../shared/screen-mask';

export const LOG_ROW_HEIGHT = 34;

interface Props {
  log: LogEntry;
  project: string | null;
  open: boolean;
  onToggle: (id: number) => void;
  /** Adds `key:value` to the search. */
  onFilter: (key: string, value: string) => void;
}

function LogRowImpl({ log, project, open, onToggle, onFilter }: Props) {
  const level = log.level ?? 'log';
  return (
    <div className={`log-row${open ? ' is-open' : ''}`} data-testid="log-row" data-level={level} data-log-id={log.id}>
      <div className="log-line">
        <LevelBar level={log.level} />
        <time className="mono small muted log-time" title={absoluteTime(log.timestamp)} data-testid="log-time">{logTime(log.timestamp)}</time>
        <span className={`level-text level-${levelClass(log.level)} small`} data-testid="log-level">{level}</span>
        <button type="button" className="log-body link-btn ellipsis mono" onClick={() => onToggle(log.id)} aria-expanded={open}
          title={open ? 'Hide attributes' : 'Show attributes'} data-testid="log-body">{log.body ? <AnsiText text={maskedText(log.body) ?? log.body} /> : '(empty)'}</button>
        {log.traceId ? (
          <a className="mono small log-trace" href={hrefOf({ name: 'trace', traceId: log.traceId })} data-testid="log-trace-link"
            title={`Trace ${log.traceId}`}><span className="log-trace-label">trace</span> {log.traceId.slice(0, 8)}</a>
        ) : <span />}
        <span className="muted small ellipsis log-project">{project ?? ''}</span>
      </div>
      {open && (
        <LogDetail log={log} onFilter={onFilter} className="log-detail" testId="log-detail" />
      )}
    </div>
  );
}

export const LogRow = memo(LogRowImpl);
