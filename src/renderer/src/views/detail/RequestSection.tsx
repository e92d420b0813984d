import { useState } from 'react';
import type { SentryEvent } from '../../../../shared/sentry';
import { requestAsCurl } from '../../../../shared/request-curl';
import { CopyButton } from '../../components/CopyButton';
import './request-curl.css';
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

/** The request as a `curl` command (masked as the formatted view is, until shown), with Copy. */
function CurlView({ request }: { request: unknown }) {
  const [reveal, setReveal] = useState(false);
  const curl = requestAsCurl(request, { mask: !reveal });
  // The toggle only where Lookout masked something (what the SDK filtered stays filtered either way).
  const masksAny = curl !== requestAsCurl(request, { mask: reveal });
  if (curl === null) return <p className="muted small" data-testid="request-curl-none">The request has no URL: there is no curl command to give.</p>;
  return (
    <div className="request-curl" data-testid="request-curl">
      <div className="request-curl-actions">
        <CopyButton text={curl} name="Copy curl command" testId="request-curl-copy" />
        {masksAny && (
          <button type="button" className="link-btn small" aria-pressed={reveal} onClick={() => setReveal(!reveal)} data-testid="request-curl-reveal">
            {reveal ? 'hide secrets' : 'show secrets'}
          </button>
        )}
      </div>
      <pre className="mono request-curl-text" data-testid="request-curl-text">{curl}</pre>
    </div>
  );
}

/**
 * The HTTP request that was being handled: method, URL, query, headers, cookies, body, env; or,
 * as Sentry offers beside it, the same request as a `curl` command line.
 */
export function RequestSection({ event }: { event: SentryEvent }) {
  const [asCurl, setAsCurl] = useState(false);
  const r = event.request;
  if (typeof r !== 'object' || r === null) return null;
  const method = typeof r.method === 'string' ? r.method.toUpperCase() : '';
  const url = typeof r.url === 'string' ? r.url : '';
  const actions = (
    <div className="button-group" role="group" aria-label="Request view">
      <button type="button" className={`toggle ${asCurl ? '' : 'on'}`} aria-pressed={!asCurl} onClick={() => setAsCurl(false)} data-testid="request-formatted-toggle">Formatted</button>
      <button type="button" className={`toggle ${asCurl ? 'on' : ''}`} aria-pressed={asCurl} onClick={() => setAsCurl(true)} data-testid="request-curl-toggle">curl</button>
    </div>
  );
  return (
    <Section title="Request" testId="request" id="request" actions={actions}>
      <div className="request-line mono" data-testid="request-line">
        {method && <span className="request-method">{method}</span>}
        <TruncatedText text={url || '(no URL)'} limit={500} mask />
      </div>
      {asCurl ? <CurlView request={r} /> : <>
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
      </>}
    </Section>
  );
}
