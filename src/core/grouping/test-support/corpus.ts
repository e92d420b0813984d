import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SentryEvent } from '../../../shared/sentry';

/** Real SDK envelopes from getsentry/spotlight, in `../shared/corpus` beside the repository (see its README). */
export const SPOTLIGHT_CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/protocol/spotlight', import.meta.url));

/**
 * The `event` items (or those of another `type`) of a text envelope. The fixtures put every
 * header and JSON payload on its own line, so splitting by newlines is enough; other item types
 * are skipped.
 */
export function corpusEvents(file: string, type = 'event'): SentryEvent[] {
  const lines = readFileSync(`${SPOTLIGHT_CORPUS}/${file}`, 'utf8').split('\n');
  const events: SentryEvent[] = [];
  for (let index = 1; index < lines.length - 1; index++) {
    const header = parseJson(lines[index]);
    if (header?.type !== type) continue;
    const payload = parseJson(lines[index + 1]);
    if (payload) events.push(payload as SentryEvent);
  }
  return events;
}

export function corpusEvent(file: string, type = 'event'): SentryEvent {
  const [event] = corpusEvents(file, type);
  if (!event) throw new Error(`no ${type} item in ${file}`);
  return event;
}

function parseJson(line: string | undefined): Record<string, unknown> | undefined {
  if (!line) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
