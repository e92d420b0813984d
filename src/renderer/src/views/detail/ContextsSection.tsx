import type { SentryEvent } from '../../../../shared/sentry';
import { KeyValueTable, rowsOf, type KeyValueRow } from '../../components/KeyValueTable';
import { contextKeyLabel } from '../../lib/context-labels';
import { byteSize } from '../../lib/format';
import { Section } from '../../components/Section';

const ORDER = ['os', 'browser', 'runtime', 'device', 'app', 'gpu', 'culture', 'cloud_resource', 'trace', 'response', 'replay', 'feedback', 'profile', 'flags', 'state'];
const TITLES: Record<string, string> = {
  os: 'Operating system', browser: 'Browser', runtime: 'Runtime', device: 'Device', app: 'App', gpu: 'GPU',
  culture: 'Culture', cloud_resource: 'Cloud resource', trace: 'Trace', response: 'Response', replay: 'Replay',
};
const MAX_CONTEXTS = 100;

function headline(ctx: Record<string, unknown>): string {
  const name = typeof ctx.name === 'string' ? ctx.name : typeof ctx.model === 'string' ? ctx.model : '';
  const version = typeof ctx.version === 'string' || typeof ctx.version === 'number' ? String(ctx.version) : '';
  return [name, version].filter(Boolean).join(' ');
}

/**
 * Byte counts (device/app memory and storage) read better as sizes; the GPU context gives its
 * memory in megabytes, the device its battery in percent (Sentry's contexts spec).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/contexts/
 */
function readable(context: string, [k, v]: KeyValueRow): KeyValueRow {
  if (typeof v !== 'number') return [k, v];
  if (context === 'gpu' && k === 'memory_size') return [k, `${byteSize(v * 1024 * 1024)} (${v} MB)`];
  if (k === 'battery_level') return [k, `${Math.round(v * 10) / 10}%`];
  return /(memory|storage)(_size)?$|_memory$/.test(k) ? [k, `${byteSize(v)} (${v})`] : [k, v];
}

/** Every context object (OS, browser, runtime, device, app, trace, culture, …) as a card. */
export function ContextsSection({ event }: { event: SentryEvent }) {
  const contexts = event.contexts;
  if (typeof contexts !== 'object' || contexts === null || Array.isArray(contexts)) return null;
  const keys = Object.keys(contexts).slice(0, MAX_CONTEXTS)
    .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  const cards = keys.flatMap((key) => {
    const ctx: unknown = contexts[key];
    if (typeof ctx !== 'object' || ctx === null || Array.isArray(ctx)) return [];
    // Sentry leaves out what an SDK sent as null (a root span's `parent_span_id`): a row saying "null" tells nothing.
    const rows = rowsOf(ctx).filter(([k, v]) => k !== 'type' && v !== null).map((row) => readable(key, row));
    return rows.length > 0 ? [{ key, ctx: ctx as Record<string, unknown>, rows }] : [];
  });
  if (cards.length === 0) return null;
  return (
    <Section title="Contexts" testId="contexts" id="contexts">
      <div className="context-grid">
        {cards.map(({ key, ctx, rows }) => (
          <div className="context-card" key={key} data-testid="context-card" data-context={key}>
            <div className="context-title">
              <span>{TITLES[key] ?? key}</span>
              <span className="muted small">{headline(ctx)}</span>
            </div>
            <KeyValueTable rows={rows} labelOf={(k) => contextKeyLabel(key, ctx.type, k)} />
          </div>
        ))}
      </div>
    </Section>
  );
}
