import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentryEvent, SentryFrame, SentryStacktrace } from '../../shared/sentry';
import { applyMap, type ResolvedSource } from './apply-map';
import { contextAround, setContext, splitLines } from './context-lines';
import { asFrame, exceptionsOf, frameRef, framesOf, isRecord, posInt, str } from './frames';
import { locateFile } from './locate-file';
import { MapLease, normalizeDebugId } from './map-cache';
import { findMapForFrame, type FinderSession } from './map-finder';
import { readAllowedText, type ReadScope, type TextFile } from './safe-read';
import { frameFiles } from './source-roots';
import { probe } from './file-probe';
import { kindOfReason } from './failure-kind';
import { mayScrape, type ScrapeOptions } from './scrape-policy';
import { SCRAPE_BUDGET_MS } from './scrape-map';
import { RemoteSources, noteMissingContext, wantsRemoteContext } from './scrape-source';
import type { SourcemapFailureKind } from '../../shared/sourcemap-failure';

const MAX_DEBUG_IMAGES = 1000;

export interface SymbolicateOptions {
  sourceRoots: string[];
  /** Extra exact file paths that may be read outside the roots (the event's own frame paths always may). */
  frameFiles?: string[];
  /** Reuse file-existence answers up to a second old: for ingest, where the same paths repeat. */
  reuseProbes?: boolean;
  /**
   * Fetching a script and its map from the frame's URL when no Source folder holds them: on for
   * loopback hosts unless `enabled: false`; `extraHosts` adds others.
   */
  scrape?: ScrapeOptions;
}

export interface FrameNote {
  frameIndex: number;
  exceptionIndex: number;
  reason: string;
  kind: SourcemapFailureKind;
}

export interface SymbolicateResult {
  event: SentryEvent;
  changed: boolean;
  notes: FrameNote[];
}

/** `code_file` → normalised debug id, from `debug_meta.images` of type `sourcemap`. */
function debugIdsByFile(event: SentryEvent): Map<string, string> {
  const out = new Map<string, string>();
  const images: unknown = isRecord(event.debug_meta) ? event.debug_meta.images : undefined;
  if (!Array.isArray(images)) return out;
  for (const img of images.slice(0, MAX_DEBUG_IMAGES)) {
    if (!isRecord(img) || img.type !== 'sourcemap' || typeof img.code_file !== 'string') continue;
    const id = normalizeDebugId(img.debug_id);
    if (id) out.set(img.code_file, id);
  }
  return out;
}

/** file: URLs (how maps resolve relative sources) read better as paths. */
function asPath(source: string): string {
  if (!source.startsWith('file:')) return source;
  try {
    return fileURLToPath(source);
  } catch {
    return source;
  }
}

function isNonFile(ref: string): boolean {
  return ref.startsWith('node:') || ref.startsWith('<') || ref === '[native code]' || ref === 'native';
}

class Run {
  readonly notes: FrameNote[] = [];
  changed = false;
  private readonly texts = new Map<string, Promise<TextFile>>();
  private readonly sources = new Map<string, Promise<ResolvedSource>>();
  private readonly session: FinderSession;
  /** Original sources fetched from their URLs, for maps without `sourcesContent` (null: fetching is off). */
  private readonly remote: RemoteSources | null;
  readonly lease = new MapLease();

  constructor(
    private readonly scope: ReadScope,
    private readonly debugIds: Map<string, string>,
    private readonly eventTimeMs: number | undefined,
    scrape: ScrapeOptions | null,
  ) {
    const fetching = scrape ? { opts: scrape, deadline: performance.now() + SCRAPE_BUDGET_MS, lease: this.lease } : null;
    this.session = { scope, debugScan: { rescanned: false }, lease: this.lease, scrape: fetching };
    this.remote = fetching ? new RemoteSources(fetching) : null;
  }

  /** Context lines from the original source's URL for a mapped frame that has none (its map embeds no text). */
  private async remoteContext(frame: SentryFrame, frameIndex: number, exceptionIndex: number): Promise<void> {
    const got = this.remote ? await this.remote.fillContext(frame) : null;
    if (got === true) this.changed = true;
    else if (got) {
      this.notes.push({ frameIndex, exceptionIndex, reason: `no source context: ${got.reason}`, kind: got.kind });
      // The issue page's copy says why on the frame; ingest stores nothing of it.
      if (this.session.scrape?.opts.explain === true && noteMissingContext(frame, got)) this.changed = true;
    }
  }

  private text(file: string): Promise<TextFile> {
    let p = this.texts.get(file);
    if (!p) this.texts.set(file, (p = readAllowedText(file, this.scope)));
    return p;
  }

  private async findSource(source: string): Promise<ResolvedSource> {
    const local = await locateFile(source, this.scope);
    const read = local ? await this.text(local) : null;
    return {
      path: local,
      absPath: local ?? asPath(source),
      text: read?.ok ? read.text : null,
      changedSinceEvent: !!read?.ok && this.eventTimeMs !== undefined && read.mtimeMs > this.eventTimeMs,
    };
  }

  readonly resolveSource = (source: string): Promise<ResolvedSource> => {
    let p = this.sources.get(source);
    if (!p) this.sources.set(source, (p = this.findSource(source)));
    return p;
  };

  private note(frame: SentryFrame, frameIndex: number, exceptionIndex: number, reason: string, kind = kindOfReason(reason)): void {
    this.notes.push({ frameIndex, exceptionIndex, reason, kind });
    const data = isRecord(frame.data) ? frame.data : {};
    if (data.sourcemap_error !== reason || data.sourcemap_error_kind !== kind) {
      frame.data = { ...data, sourcemap_error: reason, sourcemap_error_kind: kind };
      this.changed = true;
    }
  }

  private async fillContext(frame: SentryFrame, file: string | null): Promise<void> {
    const line = posInt(frame.lineno);
    if (typeof frame.context_line === 'string' || line === undefined || !file) return;
    const read = await this.text(file);
    const ctx = read.ok ? contextAround(splitLines(read.text), line, undefined, posInt(frame.colno)) : null;
    if (!ctx || !read.ok) return;
    setContext(frame, ctx);
    if (this.eventTimeMs !== undefined && read.mtimeMs > this.eventTimeMs) {
      frame.data = { ...(isRecord(frame.data) ? frame.data : {}), source_changed_since_event: true };
    }
    this.changed = true;
  }

  /** Processes one stack in place; returns true when a frame was remapped. */
  async stack(frames: unknown[], exceptionIndex: number): Promise<boolean> {
    let mapped = false;
    let callSiteName: string | null = null;
    for (let i = 0; i < frames.length; i++) {
      const frame = asFrame(frames[i]);
      const ref = frame ? frameRef(frame) : undefined;
      // Sentry never sends these to symbolicator, so a call site's name reaches the next file frame.
      if (!frame || !ref || isNonFile(ref)) continue;
      const callerName = callSiteName;
      callSiteName = null;
      if (isRecord(frame.data) && frame.data.symbolicated === true) {
        // Mapped before (at ingest) without context: its source may be fetchable now.
        await this.remoteContext(frame, i, exceptionIndex);
        continue;
      }
      const debugId = this.debugIds.get(str(frame.abs_path) ?? '') ?? this.debugIds.get(str(frame.filename) ?? '') ?? null;
      const found = await findMapForFrame(ref, debugId, this.session);
      if (found.kind === 'found') {
        const res = await applyMap(frame, found, this.resolveSource, callerName);
        if ('frame' in res) {
          // applyMap drops the reason; its kind goes with it (data is the mapped frame's own copy).
          if (isRecord(res.frame.data)) delete res.frame.data.sourcemap_error_kind;
          frames[i] = res.frame;
          await this.remoteContext(res.frame, i, exceptionIndex);
          callSiteName = res.callSiteName;
          mapped = this.changed = true;
          continue;
        }
        this.note(frame, i, exceptionIndex, res.reason);
      } else if (found.kind === 'error') {
        this.note(frame, i, exceptionIndex, found.reason, found.failureKind);
      } else if (isRecord(frame.data) && 'sourcemap_error' in frame.data) {
        const { sourcemap_error: _gone, sourcemap_error_kind: _kind, ...rest } = frame.data;
        frame.data = rest;
        this.changed = true;
      }
      // Context lines from another build of the file would point at the wrong code.
      if (found.kind === 'error' && found.otherBuild) continue;
      await this.fillContext(frame, found.generated?.path ?? (await locateFile(ref, this.scope)));
    }
    return mapped;
  }
}

/** The http(s) URLs the event's frames point at (for the fetch pre-check). */
function frameUrls(event: SentryEvent): string[] {
  const out: string[] = [];
  for (const { exception } of exceptionsOf(event)) {
    for (const f of framesOf(exception) ?? []) {
      const ref = isRecord(f) ? frameRef(f as SentryFrame) : undefined;
      if (ref && /^https?:\/\//i.test(ref)) out.push(ref);
      // A frame mapped without context (a webpack:// source) may get it from next to its map.
      else if (ref && isRecord(f) && wantsRemoteContext(f as SentryFrame)) out.push(str((f.data as Record<string, unknown>).sourcemap) ?? '');
    }
  }
  return out;
}

async function anyFileExists(files: readonly string[], reuse = false): Promise<boolean> {
  for (const file of files) if ((await probe(file, reuse)) === 'file') return true;
  return false;
}

/**
 * Only the exception interface is changed here, so only it is copied: breadcrumbs and the rest
 * are most of an event's bytes, and cloning them per event dominated ingest time.
 */
function cloneEvent(event: SentryEvent): SentryEvent | null {
  try {
    return event.exception === undefined ? { ...event } : { ...event, exception: structuredClone(event.exception) };
  } catch {
    return null;
  }
}

/**
 * Resolves minified frames through source maps and fills missing context lines from local
 * files. Never throws for bad input. Keeps the original frames in exception.raw_stacktrace (as
 * Sentry does) when it changes a frame; already-symbolicated frames are left alone, so running
 * it again at view time only retries the frames that could not be mapped before.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export async function symbolicateEvent(event: SentryEvent, opts: SymbolicateOptions): Promise<SymbolicateResult> {
  if (!isRecord(event)) return { event, changed: false, notes: [] };
  const roots = (Array.isArray(opts?.sourceRoots) ? opts.sourceRoots : []).filter((r) => typeof r === 'string' && path.isAbsolute(r));
  const extra = Array.isArray(opts?.frameFiles) ? opts.frameFiles : [];
  // Nothing on this machine can be read for it and no debug id to report on (a browser event
  // with no source roots, a container's /app paths): done, without copying anything — the
  // common case on the hot path.
  // The clone below has the same frames and debug ids: both are read once, here.
  const files = frameFiles(event);
  const debugIds = debugIdsByFile(event);
  const scrape = opts?.scrape?.enabled === false ? null : { enabled: true, extraHosts: opts?.scrape?.extraHosts ?? [], explain: opts?.scrape?.explain === true };
  if (roots.length === 0 && extra.length === 0 && debugIds.size === 0 && !(scrape && mayScrape(frameUrls(event), scrape))
    && !(await anyFileExists(files, opts.reuseProbes))) {
    return { event, changed: false, notes: [] };
  }
  const out = cloneEvent(event);
  if (!out) return { event, changed: false, notes: [] };
  const scope: ReadScope = { roots, exactFiles: [...extra, ...files], reuseProbes: opts.reuseProbes === true };
  const eventTimeMs = typeof out.timestamp === 'number' && Number.isFinite(out.timestamp) ? out.timestamp * 1000 : undefined;
  const run = new Run(scope, debugIds, eventTimeMs, scrape);
  try {
    for (const { exception, index } of exceptionsOf(out)) {
      const frames = framesOf(exception);
      if (!frames || frames.length === 0) continue;
      const before = structuredClone(frames);
      if ((await run.stack(frames, index)) && !isRecord(exception.raw_stacktrace)) {
        exception.raw_stacktrace = { ...(exception.stacktrace as SentryStacktrace), frames: before as SentryFrame[] };
      }
    }
  } catch (err) {
    // A bug here must not lose the event: hand back the input untouched, with the reason.
    return { event, changed: false, notes: [{ frameIndex: -1, exceptionIndex: -1, reason: `symbolication failed: ${String(err)}`, kind: 'other' }] };
  } finally {
    run.lease.releaseAll();
  }
  return { event: run.changed ? out : event, changed: run.changed, notes: run.notes };
}
