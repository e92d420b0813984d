/**
 * The name of a streamed segment (span v2): `sentry.segment.name`, a bare HTTP method completed by
 * the root's route or path as Relay describes the span (`shared/http-span-name.ts`), so a request
 * streamed by `@sentry/node` 11 is `GET /api/orders`, as the same request sent as a transaction.
 * @see https://github.com/getsentry/relay/blob/master/relay-spans/src/v2_to_v1.rs
 * @see https://getsentry.github.io/sentry-conventions/generated/attributes/sentry.html#sentrysegmentname
 */
import { httpMethodSpanName } from '../../shared/http-span-name';
import { attributeValue } from './segment-event';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** `GET /api/orders` for a span (v1 `data` or v2 `attributes`) named `name` that is only its method; null otherwise. */
export function httpSpanName(span: unknown, name: string | null): string | null {
  return httpMethodSpanName(name, (key) => attributeValue(span, key));
}

/** A segment root's name: its `sentry.segment.name` (else its description or span name), a bare method completed by its route or path. */
export function segmentNameOf(root: unknown): string | null {
  const r = root as { name?: unknown; description?: unknown } | null;
  const named = text(attributeValue(root, 'sentry.segment.name')) ?? text(attributeValue(root, 'sentry.description'))
    ?? text(r?.name) ?? text(r?.description);
  return httpSpanName(root, named) ?? named;
}
