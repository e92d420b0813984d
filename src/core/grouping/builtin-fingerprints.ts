import type { SentryEvent } from '../../shared/sentry';
import { exceptionsOf, logEntryOf, tagsOf, text } from './event-fields';

/**
 * Sentry's built-in fingerprint rules (config `javascript@2024-02-02`), which every project gets:
 * a chunk that failed to load is one issue however its stack looks, and a React hydration error
 * is one issue per page (transaction). They apply only where the SDK sent no fingerprint of its own.
 * @see https://github.com/getsentry/sentry/tree/master/src/sentry/grouping/fingerprinting/configs
 */

interface BuiltInRule {
  /** The rule as Sentry writes it, for the explanation. */
  text: string;
  matches: (facts: EventFacts) => boolean;
  fingerprint: (facts: EventFacts) => string[];
}

interface EventFacts { types: string[]; values: string[]; messages: string[]; transaction: string | undefined }

const HYDRATION_MESSAGES = [
  'Hydration failed because the initial UI does not match what was rendered on the server.',
  'The server could not finish this Suspense boundary, likely due to an error during server rendering. Switched to client rendering.',
  'There was an error while hydrating this Suspense boundary. Switched to client rendering.',
  'There was an error while hydrating. Because the error happened outside of a Suspense boundary, the entire root will switch to client rendering.',
  'Text content does not match server-rendered HTML.',
];

const RULES: BuiltInRule[] = [
  { text: 'family:javascript error.type:"ChunkLoadError" -> chunkloaderror',
    matches: (f) => f.types.includes('ChunkLoadError'), fingerprint: () => ['chunkloaderror'] },
  { text: 'family:javascript error.value:"ChunkLoadError*" -> chunkloaderror',
    matches: (f) => f.values.some((v) => v.startsWith('ChunkLoadError')), fingerprint: () => ['chunkloaderror'] },
  { text: 'family:javascript tags.transaction:"*" message:"<a React hydration error>" -> hydrationerror, {{tags.transaction}}',
    matches: (f) => f.transaction !== undefined && f.messages.some((m) => HYDRATION_MESSAGES.includes(m)),
    fingerprint: (f) => ['hydrationerror', f.transaction ?? ''] },
];

const JAVASCRIPT_FAMILY = new Set(['javascript', 'node']);

/** Sentry's `family:javascript`, read from the event's platform (as its fingerprint matcher does). */
function isJavaScript(event: SentryEvent): boolean {
  return JAVASCRIPT_FAMILY.has(String(event.platform));
}

/** The first built-in rule the event matches, with its resolved fingerprint, or null. */
export function builtInFingerprint(event: SentryEvent): { rule: string; fingerprint: string[] } | null {
  if (!isJavaScript(event)) return null;
  const exceptions = exceptionsOf(event);
  const values = exceptions.flatMap((e) => (text(e.value) === undefined ? [] : [text(e.value) as string]));
  const entry = logEntryOf(event);
  const facts: EventFacts = {
    types: exceptions.flatMap((e) => (text(e.type) === undefined ? [] : [text(e.type) as string])),
    values,
    // Sentry's `message` matcher reads exception values and the log entry's formatted text.
    messages: [...values, ...(typeof entry.formatted === 'string' ? [entry.formatted] : [])],
    transaction: tagsOf(event).find(([key]) => key === 'transaction')?.[1] ?? text(event.transaction),
  };
  const rule = RULES.find((r) => r.matches(facts));
  return rule ? { rule: rule.text, fingerprint: rule.fingerprint(facts) } : null;
}
