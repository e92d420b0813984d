import type { LogEntry } from '../../../../shared/api-types';
import { MaskedValue, ValueView } from '../../components/ValueView';
import { masksWhole } from '../../../../shared/screen-mask';
import { absoluteTime } from '../../lib/format';

/** Values a search token can name: text, numbers and booleans (Sentry filters on scalar attributes). */
function filterable(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * An expanded log's facts and attributes; an attribute's key is a button that adds `key:value` to the
 * search (Sentry's log explorer does the same from a log's details).
 * @see https://docs.sentry.io/product/explore/logs/
 */
export function LogAttributes({ log, onFilter }: { log: LogEntry; onFilter: (key: string, value: string) => void }) {
  const facts: [string, string][] = [['timestamp', absoluteTime(log.timestamp)], ['trace id', log.traceId ?? '—'], ['span id', log.spanId ?? '—']];
  const attributes = Object.entries(log.attributes).filter(([, v]) => v !== undefined).slice(0, 500);
  return (
    <table className="kv-table" data-testid="log-attributes">
      <tbody>
        {facts.map(([k, v]) => <tr key={k} data-testid="log-attributes-row"><th scope="row">{k}</th><td>{v}</td></tr>)}
        {attributes.map(([k, v]) => (
          <tr key={k} data-testid="log-attributes-row">
            <th scope="row">
              {filterable(v) && k !== '…' ? (
                <button type="button" className="link-btn log-attr-filter" data-testid="log-attribute-filter" title={`Show only logs with ${k} = ${String(v)}`}
                  onClick={() => onFilter(k, String(v))}>{k}</button>
              ) : k}
            </th>
            <td>{masksWhole(k, v) ? <MaskedValue value={v} /> : <ValueView value={v} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
