import { useMemo } from 'react';
import type { SentryEvent } from '../../../../shared/sentry';
import { Section } from '../../components/Section';
import { processingProblems } from '../../lib/processing-errors';
import { hrefOf } from '../../routing/navigation';

/**
 * "Processing errors": what went wrong reading this event (`event.errors` and Lookout's own
 * notes), as Sentry's issue page lists them. Shown for any event that has some; text only.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventerror.py
 */
export function ProcessingErrorsSection({ event, truncated }: { event: SentryEvent; truncated: boolean }) {
  const { problems, more } = useMemo(() => processingProblems(event, truncated), [event, truncated]);
  const total = problems.length + more;
  if (total === 0) return null;
  return (
    <Section title="Processing errors" testId="processing-errors">
      <p className="processing-errors-lead" data-testid="processing-errors-count">
        {total === 1 ? 'There was 1 problem processing this event' : `There were ${total.toLocaleString()} problems processing this event`}
      </p>
      <ul className="processing-errors">
        {problems.map((p, i) => (
          <li key={i} data-testid="processing-error" data-type={p.type ?? ''}>
            <strong data-testid="processing-error-message">{p.message}</strong>
            {p.type !== null && <code className="mono small muted" data-testid="processing-error-type">{p.type}</code>}
            {p.details.length > 0 && (
              <dl className="processing-error-details">
                {p.details.map(([k, v], j) => <div key={`${k}-${j}`}><dt>{k}</dt><dd className="mono">{v}</dd></div>)}
              </dl>
            )}
            {p.sourcemapKind !== undefined && (
              <a className="small" href={hrefOf({ name: 'settings' })} data-testid="processing-error-settings">Source folders in Settings</a>
            )}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted small">{more.toLocaleString()} more not listed.</p>}
    </Section>
  );
}
