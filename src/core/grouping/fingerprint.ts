import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { exceptionsOf, frameFunction, framesOf, logEntryOf, stacktraceOf, tagsOf, text, threadsOf } from './event-fields';
import { frameFacts } from './frame-facts';
import { sentryAbsPath, sentryModule } from './javascript-modules';
import { resolveFrameFlags } from './in-app-rules';

/**
 * Client fingerprints: `{{ default }}` stands for Sentry's own grouping; other entries and the
 * supported variables are resolved to strings the way Sentry's `grouping/fingerprinting/utils.py`
 * does (unknown variables stay as written, as in `newstyle:2023-01-11`).
 * @see https://docs.sentry.io/platforms/javascript/usage/sdk-fingerprinting/
 */

/** The canonical form of the fingerprint entry that stands for Sentry's own grouping. */
export const DEFAULT_ENTRY = '{{ default }}';
const VARIABLE = /^\{\{\s*(\S+?)\s*\}\}$/;

/** `default`: no fingerprint; `hybrid`: contains `{{ default }}`; `custom`: replaces grouping. */
export type FingerprintKind = 'default' | 'hybrid' | 'custom';

function variableOf(entry: string): string | undefined {
  return VARIABLE.exec(entry)?.[1];
}

/** True for `{{ default }}` in any spacing. */
export function isDefaultEntry(entry: string): boolean {
  return variableOf(entry) === 'default';
}

/** The client fingerprint as strings (numbers kept, other entries dropped), or undefined for none. */
export function fingerprintOf(event: SentryEvent): string[] | undefined {
  if (!Array.isArray(event.fingerprint)) return undefined;
  const entries = (event.fingerprint as unknown[]).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : typeof entry === 'number' && Number.isFinite(entry) ? [String(entry)] : [],
  );
  return entries.length > 0 ? entries : undefined;
}

/** How a fingerprint combines with the default grouping. */
export function fingerprintKind(fingerprint: readonly string[] | undefined): FingerprintKind {
  if (!fingerprint || (fingerprint.length === 1 && isDefaultEntry(fingerprint[0] as string))) return 'default';
  return fingerprint.some(isDefaultEntry) ? 'hybrid' : 'custom';
}

/**
 * Sentry's crash frame: the last in-app frame (passing the filter) of the last exception's stack
 * trace, else of the event's or single thread's; else the last frame passing the filter.
 */
export function crashFrame(event: SentryEvent, accept: (frame: SentryFrame) => boolean = () => true): SentryFrame | undefined {
  let frames = framesOf(stacktraceOf(exceptionsOf(event).at(-1)));
  if (frames.length === 0) frames = framesOf(stacktraceOf(event));
  const threads = threadsOf(event);
  if (frames.length === 0 && threads.length === 1) frames = framesOf(stacktraceOf(threads[0]));
  const flags = resolveFrameFlags(frames.map((frame) => frameFacts(frame, event)));
  let fallback: SentryFrame | undefined;
  for (let index = frames.length - 1; index >= 0; index--) {
    const frame = frames[index] as SentryFrame;
    if (!accept(frame)) continue;
    if (flags[index]?.inApp) return frame;
    fallback ??= frame;
  }
  return fallback;
}

function resolveVariable(name: string, event: SentryEvent): string | undefined {
  const last = exceptionsOf(event).at(-1);
  const frame = () => crashFrame(event);
  switch (name) {
    case 'transaction':
      return text(event.transaction) ?? '<no-transaction>';
    case 'message': {
      const entry = logEntryOf(event);
      return entry.formatted ?? entry.message ?? text(last?.value) ?? '<no-message>';
    }
    case 'type':
    case 'error.type':
      return text(last?.type) ?? '<no-type>';
    case 'value':
    case 'error.value':
      return text(last?.value) ?? '<no-value>';
    case 'function':
    case 'stack.function':
      return frameFunction(frame()) ?? '<no-function>';
    case 'path':
    case 'stack.abs_path': {
      const crash = frame();
      return (crash && sentryAbsPath(crash, event)) ?? '<no-abs-path>';
    }
    case 'stack.filename':
      return text(frame()?.filename) ?? text(frame()?.abs_path) ?? '<no-filename>';
    case 'module':
    case 'stack.module': {
      const crash = frame();
      return (crash && sentryModule(crash, event)) ?? '<no-module>';
    }
    case 'package':
    case 'stack.package':
      return text(frame()?.package)?.split('/').at(-1)?.split('\\').at(-1) || '<no-package>';
    case 'level':
      return text(event.level) ?? '<no-level>';
    case 'logger':
      return text(event.logger) ?? '<no-logger>';
    default:
      if (!name.startsWith('tags.')) return undefined;
      return tagsOf(event).find(([key]) => key === name.slice(5))?.[1] ?? `<no-value-for-tag-${name.slice(5)}>`;
  }
}

/** Resolves variables; `{{ default }}` entries become the canonical marker, unknown ones stay. */
export function resolveFingerprint(fingerprint: readonly string[], event: SentryEvent): string[] {
  return fingerprint.map((entry) => {
    const name = variableOf(entry);
    if (name === undefined) return entry;
    if (name === 'default') return DEFAULT_ENTRY;
    return resolveVariable(name, event) ?? entry;
  });
}

/** The values a salted (hybrid) fingerprint hashes: `{{ default }}` replaced by the default values. */
export function saltedValues(resolved: readonly string[], defaultValues: readonly string[]): string[] {
  return resolved.flatMap((entry) => (entry === DEFAULT_ENTRY ? defaultValues : [entry]));
}
