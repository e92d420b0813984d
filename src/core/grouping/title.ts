import { stripAnsi } from '../../shared/ansi';
import type { SentryEvent, SentryException, SentryFrame } from '../../shared/sentry';
import { exceptionsOf, frameFunction, framesOf, isRecord, logEntryOf, stacktraceOf, str, text } from './event-fields';
import { exceptionStrategy } from './exception-component';
import { crashFrame } from './fingerprint';
import { frameFacts } from './frame-facts';
import { resolveFrameFlags } from './in-app-rules';
import { sentryModule } from './javascript-modules';
import type { EventTitle } from './types';

/**
 * Issue titles and culprits as Sentry shows them (`eventtypes/error.py`, `eventtypes/base.py`,
 * `culprit.py`): `Type: value` of the main exception, else the message; the culprit is the
 * transaction, else the crashing in-app frame's location.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#optional-attributes
 */

const MAX_CULPRIT = 200;

/** Sentry's `truncatechars`: at most `limit` characters, `...` included. */
export function truncate(value: string, limit: number): string {
  return value.length > limit ? `${value.slice(0, limit - 3)}...` : value;
}

/** The first line, without terminal escapes: a title is plain text wherever it is shown. */
function firstLine(value: string): string {
  return stripAnsi(value).split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/, 1)[0] ?? '';
}

function mainException(event: SentryEvent, exceptions: SentryException[]): SentryException | undefined {
  if (exceptions.length < 2) return exceptions.at(-1);
  const mainId = exceptionStrategy(event).mainExceptionId;
  return (mainId ? exceptions.find((exception) => exception.mechanism?.exception_id === mainId) : undefined) ?? exceptions.at(-1);
}

function frameCulprit(frame: SentryFrame, event: SentryEvent): string {
  const platform = text(frame.platform) ?? text(event.platform);
  const func = frameFunction(frame);
  if (platform === 'objc' || platform === 'cocoa' || platform === 'native') return func ?? '?';
  // Sentry's culprit reads the frame after processing, with the module made up for a script URL.
  const location = sentryModule(frame, event) ?? text(frame.filename);
  if (!location) return '';
  return platform === 'javascript' || platform === 'node' ? `${func ?? '?'}(${location})` : `${location} in ${func ?? '?'}`;
}

function stacktraceCulprit(frames: SentryFrame[], event: SentryEvent): string | undefined {
  const flags = resolveFrameFlags(frames.map((frame) => frameFacts(frame, event)));
  let fallback: string | undefined;
  for (let index = frames.length - 1; index >= 0; index--) {
    const frame = frames[index] as SentryFrame;
    if (flags[index]?.inApp) {
      const culprit = frameCulprit(frame, event);
      if (culprit) return culprit;
    } else fallback ??= frameCulprit(frame, event);
  }
  return fallback;
}

function culpritOf(event: SentryEvent, exceptions: SentryException[]): string | null {
  const transaction = text(event.transaction);
  if (transaction) return truncate(transaction, MAX_CULPRIT);
  if (exceptions.at(-1)?.mechanism?.synthetic === true) return null;
  const withFrames = exceptions.map((exception) => framesOf(stacktraceOf(exception))).filter((frames) => frames.length > 0);
  const frames = exceptions.length > 0 ? withFrames.at(-1) : framesOf(stacktraceOf(event));
  let culprit = frames && frames.length > 0 ? stacktraceCulprit(frames, event) : undefined;
  // Sentry's '?' for a native frame without a function (every frame of a dump walked without
  // symbols) names no place: shown alone under a title it reads as a glitch, so there is none.
  if (culprit === '?') culprit = undefined;
  if (!culprit && isRecord(event.request)) culprit = text(event.request.url);
  return culprit ? truncate(culprit, MAX_CULPRIT) : null;
}

function crashLocation(event: SentryEvent): { filename?: string; function?: string } {
  const frame = crashFrame(event, (candidate) => {
    const func = frameFunction(candidate);
    return func !== undefined && func !== '<redacted>' && func !== '<unknown>';
  });
  if (!frame) return {};
  const location: { filename?: string; function?: string } = {};
  const filename = text(frame.filename) ?? text(frame.abs_path);
  if (filename) location.filename = filename;
  const func = frameFunction(frame);
  if (func) location.function = func;
  return location;
}

function cspTitle(event: SentryEvent, csp: Record<string, unknown>): EventTitle {
  const directive = text(csp.effective_directive) ?? text(csp.violated_directive)?.split(' ')[0] ?? 'unknown';
  const uri = text(csp.blocked_uri) ?? 'self';
  const { formatted, message } = logEntryOf(event);
  const title = formatted ?? message ?? `Blocked '${directive.replace(/-src(?:-elem|-attr)?$/, '')}' from '${uri}'`;
  return { title: truncate(firstLine(title), 100), culprit: text(csp.violated_directive) ?? directive, type: 'csp', metadata: { message: title } };
}

/**
 * A transaction's label, as Sentry's `eventtypes/transaction.py` gives it: the trace context's
 * description, else the transaction name, which is also the culprit.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/transaction/
 */
export function transactionTitle(input: SentryEvent): EventTitle {
  const event: SentryEvent = isRecord(input) ? input : {};
  const trace = isRecord(event.contexts) && isRecord(event.contexts.trace) ? event.contexts.trace : {};
  const transaction = text(event.transaction)?.trim();
  const label = text(trace.description)?.trim() || transaction;
  return {
    title: label ? truncate(firstLine(label), 200) : '<unlabeled transaction>',
    culprit: transaction ? truncate(transaction, MAX_CULPRIT) : null,
    type: 'transaction',
    metadata: {},
  };
}

/** Title, culprit, event type and title metadata of an event, as Sentry derives them. */
export function eventTitle(input: SentryEvent): EventTitle {
  const event: SentryEvent = isRecord(input) ? input : {};
  const exceptions = exceptionsOf(event);
  if (exceptions.length === 0) {
    if (isRecord(event.csp)) return cspTitle(event, event.csp);
    const { formatted, message } = logEntryOf(event);
    const messageText = (formatted ?? message ?? '').trim();
    const title = messageText ? truncate(firstLine(messageText), 100) : '<unlabeled event>';
    return { title, culprit: culpritOf(event, exceptions), type: 'default', metadata: messageText ? { message: messageText } : {} };
  }
  const main = mainException(event, exceptions);
  const logged = logEntryOf(event);
  const loggedText = (logged.formatted ?? logged.message ?? '').trim();
  if (main?.mechanism?.synthetic === true && loggedText) {
    // captureMessage with attachStacktrace (on by default in SDK 11) wraps the message in a
    // synthetic exception; Sentry would title it by a function name, often `?`. The message is
    // what the developer wrote, so it stays the title. The transaction is the culprit, as for
    // every event (Sentry's culprit.py); without one, the stack still gives it.
    const frames = framesOf(stacktraceOf(main));
    const culprit = text(event.transaction) ?? (frames.length > 0 ? stacktraceCulprit(frames, event) ?? null : null);
    return { title: truncate(firstLine(loggedText), 100), culprit: culprit ? truncate(culprit, MAX_CULPRIT) : null, type: 'default', metadata: { message: loggedText } };
  }
  const metadata: EventTitle['metadata'] = crashLocation(event);
  const value = str(main?.value);
  if (value) metadata.value = truncate(value, 1024);
  if (main?.mechanism?.synthetic !== true) metadata.type = truncate(text(main?.type) ?? 'Error', 128);
  else if (text(main?.type)) metadata.exceptionType = truncate(text(main?.type) ?? '', 128);
  let title = metadata.type ?? metadata.function ?? '<unknown>';
  if (metadata.type && metadata.value) title += `: ${truncate(firstLine(metadata.value), 100)}`;
  return { title, culprit: culpritOf(event, exceptions), type: 'error', metadata };
}

/**
 * An issue's free-text search text, as Sentry's `search_message`: the message, then each title metadata
 * value the text does not hold yet (a synthetic exception's value and type: sentry-native's
 * `<unknown>` titled SIGSEGV is found by `Segfault` and `SIGSEGV`), then the culprit. The title leads,
 * as Lookout's search text always held it.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/eventstore/models.py (search_message)
 */
export function issueSearchText(label: Pick<EventTitle, 'title' | 'culprit' | 'metadata'>, message: string | null | undefined): string {
  let text = label.title;
  const add = (value: string | null | undefined) => { if (value && !text.includes(value)) text = `${text} ${value}`; };
  add(label.culprit);
  add(message);
  add(label.metadata.value);
  add(label.metadata.exceptionType);
  return stripAnsi(text);
}
