import type { ProfileFrameInfo, ProfileProblem } from '../../shared/api-profile';
import type { SentryDebugImage, SentryEvent, SentryFrame } from '../../shared/sentry';
import { symbolicateEvent } from '../symbolicate';
import type { ParsedProfile } from './parse-profile';

/** Sentry sends the frames of these platforms' profiles to symbolicator's JS source-map pass (`JS_PLATFORMS`). */
const JS_PLATFORMS = new Set(['javascript', 'node']);
/** `symbolicateEvent` reads at most 64 exceptions per event: one per frame, so this many frames per call. */
const FRAMES_PER_CALL = 64;
/** Distinct frames mapped per answer; a real JS profile has a few thousand at most. */
export const MAX_MAPPED_FRAMES = 20_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const lineNo = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

/**
 * What symbolicator is sent of a profile frame. As Sentry's `_handles_frame`, only frames with an
 * `abs_path` and a line go: the others (native code, `(program)`, `(garbage collector)`) stay.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/lang/javascript/processing.py
 */
function jsFrame(raw: unknown): SentryFrame | null {
  if (!isObj(raw)) return null;
  const absPath = text(raw.abs_path);
  const lineno = lineNo(raw.lineno);
  if (absPath === undefined || lineno === undefined) return null;
  // A profiler's line and column are where the function begins (V8: its parameter list), not a
  // point inside it: the scope that opens there names it.
  const frame: SentryFrame = { abs_path: absPath, lineno, data: { function_start: true } };
  const colno = lineNo(raw.colno);
  if (colno !== undefined) frame.colno = colno;
  const fn = text(raw.function);
  if (fn !== undefined) frame.function = fn;
  if (typeof raw.in_app === 'boolean') frame.in_app = raw.in_app;
  return frame;
}

const frameId = (f: SentryFrame): string => `${f.abs_path}\u0000${f.lineno}\u0000${f.colno ?? ''}\u0000${f.function ?? ''}`;

/** Symbolicator's placeholders read as the profile view's own. */
function nameOf(fn: unknown): string {
  const name = text(fn);
  return name === undefined || name === '<anonymous>' || name === '<unknown>' ? '(anonymous)' : name;
}

/** The frame as the view shows it once a map resolved it; the minified one is kept beside it. */
function mappedInfo(mapped: SentryFrame, before: ProfileFrameInfo): ProfileFrameInfo {
  return {
    name: nameOf(mapped.function), file: text(mapped.filename) ?? text(mapped.abs_path) ?? before.file,
    line: lineNo(mapped.lineno) ?? null, module: text(mapped.module) ?? null, inApp: typeof mapped.in_app === 'boolean' ? mapped.in_app : before.inApp,
    minified: { name: before.name, file: before.file, line: before.line },
  };
}

/** The distinct JS frames of the profiles, by where their function begins. */
function collectFrames(profiles: readonly ParsedProfile[]): { frames: Map<string, SentryFrame>; capped: boolean } {
  const frames = new Map<string, SentryFrame>();
  let capped = false;
  for (const p of profiles) {
    if (!JS_PLATFORMS.has(p.platform ?? '')) continue;
    for (const raw of p.rawFrames) {
      const frame = jsFrame(raw);
      if (!frame || frames.has(frameId(frame))) continue;
      if (frames.size >= MAX_MAPPED_FRAMES) { capped = true; break; }
      frames.set(frameId(frame), frame);
    }
  }
  return { frames, capped };
}

/** The profiles' `debug_meta.images` of type `sourcemap` (the SDK names each bundle's debug id), as an event carries them. */
function debugImages(profiles: readonly ParsedProfile[]): SentryDebugImage[] {
  return profiles.flatMap((p) => p.debugImages.filter((img): img is SentryDebugImage => isObj(img) && img.type === 'sourcemap')).slice(0, 1000);
}

/**
 * Maps the frames of JS profiles through the source maps the errors use, as Sentry runs
 * symbolicator's `symbolicate_js` over a JS profile's frames (without source context). Each
 * distinct frame goes once; the frames are replaced in place with the mapped function, file and
 * line, the minified ones kept in `minified`. Never throws.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/profiles/task.py (`_symbolicate_profile`)
 */
export async function symbolicateProfiles(profiles: readonly ParsedProfile[], sourceRoots: readonly string[]): Promise<{ mapped: number; problems: ProfileProblem[] }> {
  const { frames, capped } = collectFrames(profiles);
  const problems: ProfileProblem[] = capped ? [{ code: 'frames_capped', message: `only the first ${MAX_MAPPED_FRAMES.toLocaleString('en')} distinct frames were source-mapped` }] : [];
  if (frames.size === 0) return { mapped: 0, problems };
  const images = debugImages(profiles);
  const ids = [...frames.keys()];
  const results = new Map<string, SentryFrame>();
  for (let i = 0; i < ids.length; i += FRAMES_PER_CALL) {
    const batch = ids.slice(i, i + FRAMES_PER_CALL);
    // One exception per frame: a profile's frames are functions, not the calls of one stack.
    const event: SentryEvent = { platform: 'javascript', debug_meta: { images },
      exception: { values: batch.map((id) => ({ stacktrace: { frames: [{ ...frames.get(id)! }] } })) } };
    const { event: out } = await symbolicateEvent(event, { sourceRoots: [...sourceRoots] });
    (out.exception?.values ?? []).forEach((value, k) => {
      const mapped = value.stacktrace?.frames?.[0];
      if (mapped && isObj(mapped.data) && mapped.data.symbolicated === true) results.set(batch[k]!, mapped);
    });
  }
  let mapped = 0;
  for (const p of profiles) {
    if (!JS_PLATFORMS.has(p.platform ?? '')) continue;
    p.rawFrames.forEach((raw, i) => {
      const frame = jsFrame(raw);
      const hit = frame ? results.get(frameId(frame)) : undefined;
      const before = p.frames[i];
      if (!hit || !before) return;
      p.frames[i] = mappedInfo(hit, before);
      mapped++;
    });
  }
  return { mapped, problems };
}
