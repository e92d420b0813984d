import type { ReplayNetworkEntry, ReplayNetworkPart } from '../../../shared/api-types';
import { formatBytes, formatDuration } from './network-format';
import { formatClock } from './replay-time';

/** What the SDK's `_meta.warnings` mean, in words. */
const WARNINGS: Record<string, string> = {
  URL_SKIPPED: 'Headers and bodies were not captured: this URL is not in the replay integration\'s networkDetailAllowUrls.',
  TEXT_TRUNCATED: 'The SDK shortened this body.',
  MAYBE_JSON_TRUNCATED: 'The SDK shortened this JSON body.',
  BODY_PARSE_ERROR: 'The SDK could not read this body.',
  BODY_PARSE_TIMEOUT: 'The SDK gave up reading this body (it took too long).',
  UNPARSEABLE_BODY_TYPE: 'The SDK does not capture this kind of body (a stream, a form with files…).',
};

/**
 * One request's details, as Sentry's network details pane: the general facts, then the request's
 * and the response's headers and bodies exactly as the SDK sent them (masked values stay masked).
 * Bodies are the page's data: shown as text, never as HTML.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/network/details/sections.tsx
 */
export function NetworkDetails({ entry, startMs, onClose }: { entry: ReplayNetworkEntry; startMs: number; onClose: () => void }) {
  const general: [string, string][] = [
    ['URL', entry.url], ['Method', entry.method], ['Status', entry.statusCode === null ? '—' : String(entry.statusCode)], ['Type', entry.type],
    ['Size', formatBytes(entry.size)], ['Duration', formatDuration(entry.durationMs)], ['Start', formatClock(entry.timestamp - startMs)],
  ];
  const isRequest = entry.request !== null || entry.response !== null;
  return (
    <section className="network-details" data-testid="replay-network-details" aria-label="Request details">
      <header className="network-details-head">
        <strong>Details</strong>
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="replay-network-details-close">Close</button>
      </header>
      <dl className="network-general">
        {general.map(([k, v]) => <div key={k}><dt>{k}</dt><dd className={k === 'URL' ? 'mono' : undefined}>{v}</dd></div>)}
      </dl>
      {isRequest ? (
        <>
          <PartSection title="Request" part={entry.request} testId="replay-network-request" />
          <PartSection title="Response" part={entry.response} testId="replay-network-response" />
        </>
      ) : (
        <p className="muted small">The SDK records headers and bodies only for fetch and XHR requests.</p>
      )}
    </section>
  );
}

function PartSection({ title, part, testId }: { title: string; part: ReplayNetworkPart | null; testId: string }) {
  const headers = part ? Object.entries(part.headers) : [];
  return (
    <div className="network-part" data-testid={testId}>
      <h4>{title} {part?.size != null && <span className="muted small">{formatBytes(part.size)}</span>}</h4>
      {part?.warnings.map((w) => <p key={w} className="muted small" data-testid="replay-network-warning">{WARNINGS[w] ?? w}</p>)}
      {headers.length > 0 && (
        <dl className="network-headers" data-testid={`${testId}-headers`}>
          {headers.map(([name, value]) => <div key={name}><dt className="mono">{name}</dt><dd className="mono">{value}</dd></div>)}
        </dl>
      )}
      {part?.body != null ? (
        <pre className="network-body mono" data-testid={`${testId}-body`}>{part.body}</pre>
      ) : (
        !part?.warnings.includes('URL_SKIPPED') && <p className="muted small">No body captured (none was sent, or networkCaptureBodies is off).</p>
      )}
    </div>
  );
}
