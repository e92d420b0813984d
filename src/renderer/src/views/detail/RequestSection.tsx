import type { SentryEvent } from '../../../../shared/sentry';
import { KeyValueTable, type KeyValueRow } from '../../components/KeyValueTable';
import { Section } from '../../components/Section';
import { TruncatedText } from '../../components/TruncatedText';
import { ValueView } from '../../components/ValueView';

const MAX_ROWS = 1000;

/** Headers, cookies and query may be an object, a list of pairs or a raw string. */
export function pairsOf(value: unknown): KeyValueRow[] | string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value.slice(0, MAX_ROWS).flatMap((p): KeyValueRow[] => (Array.isArray(p) && p.length >= 2 ? [[String(p[0]), p[1]]] : []));
  }
  if (typeof value === 'object' && value !== null) return Object.entries(value).slice(0, MAX_ROWS);
  return null;
}

function Part({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const pairs = pairsOf(value);
  if (pairs === null || (Array.isArray(pairs) && pairs.length === 0) || pairs === '') return null;
  return (
    <div className="request-part" data-testid={testId}>
      <h4>{title}</h4>
      {typeof pairs === 'string' ? <TruncatedText pre className="mono" text={pairs} mask /> : <KeyValueTable rows={pairs} />}
    </div>
  );
}

/** The HTTP request that was being handled: method, URL, query, headers, cookies, body, env. */
export function RequestSection({ event }: { event: SentryEvent }) {
  const r = event.request;
  if (typeof r !== 'object' || r === null) return null;
  const method = typeof r.method === 'string' ? r.method.toUpperCase() : '';
  const url = typeof r.url === 'string' ? r.url : '';
  return (
    <Section title="Request" testId="request" id="request">
      <div className="request-line mono" data-testid="request-line">
        {method && <span className="request-method">{method}</span>}
        <TruncatedText text={url || '(no URL)'} limit={500} mask />
      </div>
      <Part title="Query" value={r.query_string} testId="request-query" />
      {r.data !== undefined && r.data !== null && r.data !== '' && (
        <div className="request-part" data-testid="request-body">
          <h4>Body</h4>
          {typeof r.data === 'string' ? <TruncatedText pre className="mono" text={r.data} mask /> : <ValueView value={r.data} />}
        </div>
      )}
      <Part title="Headers" value={r.headers} testId="request-headers" />
      <Part title="Cookies" value={r.cookies} testId="request-cookies" />
      <Part title="Environment" value={r.env} testId="request-env" />
    </Section>
  );
}
