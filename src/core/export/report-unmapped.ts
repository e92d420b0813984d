/**
 * Why minified JavaScript frames of a report were left as the SDK sent them, and what a teammate needs to map
 * them by hand: the reason symbolication recorded on each frame (`data.sourcemap_error`, the same words the issue
 * page shows), the debug id the SDK tied to each file (`debug_meta.images` of type `sourcemap`, as
 * `@sentry/cli sourcemaps inject` writes them), the release and dist the maps would be uploaded for, and the
 * `errors` Sentry would list as processing errors about source maps.
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventerror.py
 */
import { sourcemapFailureOf } from '../../shared/sourcemap-failure';
import { asArr, asObj, asStr, clip, valuesOf, type Obj } from './format';

export interface UnmappedNote {
  /** Each distinct reason, with how many frames of the report it left minified. */
  reasons: { reason: string; frames: number }[];
  /** Each minified file and the debug id the SDK named for it (null: none, so only release/dist or the URL can find its map). */
  files: { file: string; debugId: string | null }[];
  release: string | null;
  dist: string | null;
  /** The event's own processing errors about JavaScript source (`js_*`, `fetch_*`), as text. */
  processingErrors: string[];
}

const MAX_FILES = 20;
const MAX_REASON = 500;

/** The reason one frame was left minified, or null when it was mapped (or never needed a map). */
export function frameUnmappedReason(frame: Obj): string | null {
  const failure = sourcemapFailureOf(frame.data);
  return failure ? clip(failure.reason, MAX_REASON) : null;
}

/** `code_file` → debug id, from `debug_meta.images` of type `sourcemap`. */
function debugIds(payload: Obj): Map<string, string> {
  const out = new Map<string, string>();
  for (const image of asArr(asObj(payload.debug_meta)?.images).map(asObj)) {
    const file = asStr(image?.code_file);
    const id = asStr(image?.debug_id);
    if (image?.type === 'sourcemap' && file && id) out.set(file, id);
  }
  return out;
}

/** Every stack frame of the event's exceptions and threads. */
function allFrames(payload: Obj): Obj[] {
  const stacks = [...valuesOf(payload.exception).map((e) => asObj(e)?.stacktrace), payload.stacktrace,
    ...valuesOf(payload.threads).map((t) => asObj(t)?.stacktrace)];
  return stacks.flatMap((s) => asArr(asObj(s)?.frames).map(asObj).filter((f): f is Obj => f !== null));
}

function processingErrors(payload: Obj): string[] {
  return asArr(payload.errors).map(asObj).filter((e): e is Obj => e !== null)
    .filter((e) => /^(?:js_|fetch_)/.test(asStr(e.type) ?? ''))
    .slice(0, 10)
    .map((e) => clip(Object.entries(e).map(([k, v]) => `${k}: ${asStr(v) ?? JSON.stringify(v)}`).join(', '), MAX_REASON));
}

/** The report's note on minified frames; null when every frame was mapped. */
export function unmappedNote(payload: Obj): UnmappedNote | null {
  const ids = debugIds(payload);
  const reasons = new Map<string, number>();
  const files = new Map<string, string | null>();
  for (const frame of allFrames(payload)) {
    const reason = frameUnmappedReason(frame);
    if (reason === null) continue;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const file = asStr(frame.abs_path) ?? asStr(frame.filename);
    if (file && files.size < MAX_FILES && !files.has(file)) files.set(file, ids.get(file) ?? ids.get(asStr(frame.filename) ?? '') ?? null);
  }
  if (reasons.size === 0) return null;
  return {
    reasons: [...reasons].map(([reason, frames]) => ({ reason, frames })),
    files: [...files].map(([file, debugId]) => ({ file: clip(file, 500), debugId })),
    release: asStr(payload.release), dist: asStr(payload.dist),
    processingErrors: processingErrors(payload),
  };
}

/** The note as sentences, shared by the Markdown and HTML reports (each escapes them its own way). */
export function unmappedLines(n: UnmappedNote): { head: string; items: string[] } {
  const count = n.reasons.reduce((sum, r) => sum + r.frames, 0);
  const head = `${count} frame${count === 1 ? ' is' : 's are'} not source-mapped (shown as the SDK sent ${count === 1 ? 'it' : 'them'}). `
    + `To map ${count === 1 ? 'it' : 'them'}, use the source maps of release ${n.release ?? '(none)'}${n.dist ? `, dist ${n.dist}` : ''}:`;
  const items = [
    ...n.reasons.map((r) => `Why: ${r.reason} (${r.frames} frame${r.frames === 1 ? '' : 's'})`),
    ...n.files.map((f) => `${f.file}: ${f.debugId ? `debug id ${f.debugId}` : 'no debug id (the build was not injected with one)'}`),
    ...n.processingErrors.map((e) => `Processing error: ${e}`),
  ];
  return { head, items };
}
