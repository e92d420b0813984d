/**
 * The exception chain and stack traces as the report shows them: outermost exception first,
 * frames most recent first, source context around each in-app frame.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
import { frameLine } from '../../shared/frame-label';
import { mappedFileLabel } from '../../shared/mapped-file-label';
import { frameVarText } from '../../shared/frame-vars';
import { frameUnmappedReason } from './report-unmapped';
import { stripAnsi } from '../../shared/ansi';
import { threadStackOf } from '../../shared/native-crash';
import { framePlace, nativeImagesOf, type NativeImage } from '../../shared/native-images';
import { asArr, asObj, asStr, clip, languageFor, valuesOf, type Obj } from './format';
import { chainedExceptionLabel } from '../../shared/exception-chain';

/** `filtered`: the report's scrubbing rewrote part of the line, so it is not the code as written. */
export interface ContextLine { lineno: number | null; text: string; current: boolean; filtered: boolean }

export interface FrameView {
  fn: string;
  /**
   * `file:line:col`, or the module when there is no file; a native frame's image and offset and its
   * address (`libshop.so +0xbc39 · 0x708ebc39`), its image found by address in `debug_meta` when the
   * frame names none, as Sentry shows an unsymbolicated frame.
   */
  location: string;
  inApp: boolean;
  context: ContextLine[];
  language: string;
  /** The frame's local variables as the SDK sent them (`vars`), for the most recent frames shown open only. */
  vars: [name: string, value: string][];
  /** Why a source map was not applied to this minified frame (`data.sourcemap_error`); null when mapped or not JS. */
  unmapped: string | null;
}

export interface ExceptionView {
  type: string;
  value: string;
  mechanism: string | null;
  /** How it led to the exception before it in the report (null for the first): shared/exception-chain.ts. */
  relation: string | null;
  /** Most recent call first. */
  frames: FrameView[];
  omittedFrames: number;
}

/** The mark of a source line the scrubbing rewrote, and what it means (both reports). */
export const FILTERED_MARK = '*';
export const FILTERED_LINE_NOTE = 'Lines marked * had values filtered by this report\'s scrubbing: they are not the code as written.';

const MAX_EXCEPTIONS = 20;
const MAX_FRAMES = 200;
const MAX_CONTEXT = 10;
const MAX_LINE = 400;
/** Local variables are shown for this many of the most recent open frames, at most this many each. */
const FRAMES_WITH_VARS = 3;
const MAX_VARS = 30;
const MAX_VAR_CHARS = 300;

/**
 * Outermost exception first (`exception.values` runs from the innermost cause outwards). A native
 * crash's exception without frames of its own shows its thread's (`thread_id`), as Sentry does.
 */
export function exceptionViews(payload: Obj): ExceptionView[] {
  const values = valuesOf(payload.exception).map(asObj).filter((v): v is Obj => v !== null);
  const images = nativeImagesOf(payload.debug_meta);
  return values.reverse().slice(0, MAX_EXCEPTIONS).map((exc, i) => {
    const own = asArr(asObj(exc.stacktrace)?.frames).length > 0 ? exc.stacktrace : null;
    const stack = stackView(own ?? raisedOnThread(payload, exc.thread_id), payload.platform, images);
    return {
      type: asStr(exc.type) ?? 'Error',
      value: clip(stripAnsi(asStr(exc.value) ?? ''), 4000),
      mechanism: mechanismText(asObj(exc.mechanism)),
      relation: i === 0 ? null : chainedExceptionLabel(exc.mechanism, payload.platform),
      ...stack,
    };
  });
}

/** A message event's own stack: top-level `stacktrace`, else the crashed or current thread's. */
export function threadStack(payload: Obj): { frames: FrameView[]; omittedFrames: number } | null {
  const threads = valuesOf(payload.threads).map(asObj).filter((t): t is Obj => t !== null);
  const thread = threads.find((t) => t.crashed === true) ?? threads.find((t) => t.current === true);
  const stack = asObj(payload.stacktrace) ?? asObj(thread?.stacktrace);
  if (!stack) return null;
  const view = stackView(stack, payload.platform, nativeImagesOf(payload.debug_meta));
  return view.frames.length > 0 ? view : null;
}

function mechanismText(m: Obj | null): string | null {
  if (!m) return null;
  const parts = [asStr(m.type)];
  if (m.handled === false) parts.push('unhandled');
  else if (m.handled === true) parts.push('handled');
  const text = parts.filter((p) => p !== null).join(', ');
  return text === '' ? null : text;
}

/** The stack of the thread an exception was raised on (`thread_id`), when the exception has none. */
function raisedOnThread(payload: Obj, threadId: unknown): unknown {
  if (typeof threadId !== 'number' && typeof threadId !== 'string') return null;
  const thread = valuesOf(payload.threads).map(asObj).find((t) => t !== null && String(t.id) === String(threadId));
  return thread ? threadStackOf(payload, thread) : null;
}

function stackView(stacktrace: unknown, platform: unknown, images: readonly NativeImage[]): { frames: FrameView[]; omittedFrames: number } {
  const raw = asArr(asObj(stacktrace)?.frames).map(asObj).filter((f): f is Obj => f !== null);
  const recentFirst = raw.reverse();
  const shown = recentFirst.slice(0, MAX_FRAMES);
  const anyInApp = shown.some((f) => f.in_app === true);
  // With no in-app frame at all, every frame is shown open: folding them all would hide the trace.
  const frames = shown.map((f) => frameView(f, !anyInApp, platform, images));
  let withVars = 0;
  frames.forEach((view, i) => {
    if (!view.inApp || withVars >= FRAMES_WITH_VARS) return;
    const frame = shown[i];
    view.vars = varRows(frame?.vars, asStr(frame?.platform) ?? platform);
    if (view.vars.length > 0) withVars++;
  });
  return { frames, omittedFrames: recentFirst.length - shown.length };
}

/** Python sends reprs, shown as Python prints them; other platforms' values as JSON (`shared/frame-vars.ts`). */
function varRows(vars: unknown, platform: unknown): [string, string][] {
  return Object.entries(asObj(vars) ?? {}).slice(0, MAX_VARS).map(([name, value]) => [clip(name, 100), clip(frameVarText(value, platform), MAX_VAR_CHARS)]);
}

function frameView(f: Obj, forceInApp: boolean, platform: unknown, images: readonly NativeImage[]): FrameView {
  // The label the issue page shows: a mapped file without the map's `../` climb (`src/account.ts`).
  const file = mappedFileLabel(f, platform);
  const lineno = frameLine(f.lineno);
  const colno = typeof f.colno === 'number' && Number.isFinite(f.colno) ? f.colno : null;
  const named = [f.filename, f.abs_path, f.module].some((v) => typeof v === 'string' && v !== '');
  const source = lineno === null ? file : `${file}:${lineno}${colno === null ? '' : `:${colno}`}`;
  const place = framePlace(f, images);
  const address = asStr(f.instruction_addr);
  // Sentry's "Unknown image": an address no listed image holds.
  const native = place ? `${place.image} ${place.offset} · ${address ?? ''}` : address !== null && !named && !asStr(f.package) ? `unknown image · ${address}` : null;
  const location = native === null ? source : named ? `${source} (${native})` : native;
  return {
    // An unsymbolicated native frame is an address in an image, not an anonymous function.
    fn: asStr(f.function) ?? asStr(f.raw_function) ?? (address !== null ? '<unknown>' : '?'),
    location: clip(location, 500),
    inApp: forceInApp || f.in_app === true,
    context: contextLines(f, lineno),
    language: languageFor(asStr(f.filename) ?? file),
    vars: [],
    unmapped: frameUnmappedReason(f),
  };
}

/**
 * A line the report's scrubbing rewrote holds `[Filtered]` (the Markdown writer's placeholder, U+E000, while it
 * renders); the reports mark it so nobody takes it for the code.
 */
const FILTERED_RE = /\[Filtered\]|\uE000/;

function contextLines(f: Obj, lineno: number | null): ContextLine[] {
  const current = asStr(f.context_line);
  if (current === null) return [];
  const pre = asArr(f.pre_context).map(asStr).filter((l): l is string => l !== null).slice(-MAX_CONTEXT);
  const post = asArr(f.post_context).map(asStr).filter((l): l is string => l !== null).slice(0, MAX_CONTEXT);
  const at = (offset: number): number | null => (lineno === null ? null : lineno + offset);
  const line = (text: string, n: number | null, isCurrent: boolean): ContextLine =>
    ({ lineno: n, text: clip(text, MAX_LINE), current: isCurrent, filtered: FILTERED_RE.test(text) });
  return [
    ...pre.map((text, i) => line(text, at(i - pre.length), false)),
    line(current, lineno, true),
    ...post.map((text, i) => line(text, at(i + 1), false)),
  ];
}
