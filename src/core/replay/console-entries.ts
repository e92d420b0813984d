/**
 * The replay player's Console tab: the `console` breadcrumbs the replay SDK recorded, with their
 * level, message and arguments (which the SDK already shortens; `CONSOLE_ARG_TRUNCATED` says so).
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/replay-internal/src/coreHandlers/handleBreadcrumbs.ts
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/console/index.tsx
 */
import type { ReplayConsoleEntry } from '../../shared/api-replay';
import { isRecord } from './rrweb-normalize';
import { asText, customFrames, nonEmptyText } from './custom-frames';
import type { RrwebEvent } from './types';

/** The SDK keeps arguments under ~5 kB in all; this only bounds what a hand-made recording can make us send. */
const MAX_ARG_CHARS = 20_000;
const MAX_ARGS = 50;
const MAX_MESSAGE_CHARS = 20_000;

/** Console entries sorted by time. `events` should be normalised (ms). */
export function extractConsoleEntries(events: readonly RrwebEvent[]): ReplayConsoleEntry[] {
  const entries: ReplayConsoleEntry[] = [];
  for (const { timestamp, payload } of customFrames(events, 'breadcrumb')) {
    if (payload.category !== 'console') continue;
    const data = isRecord(payload.data) ? payload.data : {};
    const rawArgs = Array.isArray(data.arguments) ? data.arguments : [];
    const meta = isRecord(data._meta) ? data._meta : {};
    const warnings = Array.isArray(meta.warnings) ? meta.warnings : [];
    const message = nonEmptyText(payload.message) ?? rawArgs.map((arg) => asText(arg, MAX_ARG_CHARS)).join(' ');
    entries.push({
      timestamp,
      level: nonEmptyText(payload.level) ?? 'log',
      message: message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message,
      args: rawArgs.slice(0, MAX_ARGS).map((arg) => asText(arg, MAX_ARG_CHARS)),
      truncated: warnings.includes('CONSOLE_ARG_TRUNCATED') || rawArgs.length > MAX_ARGS,
    });
  }
  return entries.sort((a, b) => a.timestamp - b.timestamp);
}
