import type { SentryFrame } from '../../shared/sentry';
import { contextAround, setContext, splitLines } from './context-lines';
import { innermostScope, scopeOpeningAfter, type FunctionScope } from './function-scopes';
import type { GeneratedFile } from './generated-file';
import type { ResolvedWith } from './map-finder';
import type { ParsedMap } from './map-cache';
import type { MapIndex } from './map-engine';
import { frameRef, isRecord, posInt, str } from './frames';
import { dartAsyncScope, joinPaths, mappedFileNames, mappedFunctionName, type ScopeAnswer } from './sentry-frame-names';

/** An original source as found on disk: local path and text. */
export interface ResolvedSource {
  /** The local file, when found and readable. */
  path: string | null;
  /** What to put in `abs_path`: the local file, else the source as a path or URL. */
  absPath: string;
  text: string | null;
  changedSinceEvent: boolean;
}

/** Finds an original source on disk (cached by the caller). */
export type SourceResolver = (source: string) => Promise<ResolvedSource>;

export interface MapInput {
  parsed: ParsedMap;
  mapRef: string;
  resolvedWith: ResolvedWith;
  generated: GeneratedFile | null;
}

export interface MappedFrame {
  frame: SentryFrame;
  /** Original name at the frame's position: the callee's name when the frame is a call site. */
  callSiteName: string | null;
}

/** The original name of a generated token, when the map records one exactly at its position. */
function originalNameAt(map: MapIndex, gen: GeneratedFile, offset: number): string | null {
  const { line, column } = gen.positionOf(offset);
  try {
    return map.nameAt(line + 1, column);
  } catch {
    return null;
  }
}

/** Rebuilds a scope's name (e.g. `c.total` → `Cart.total`) from the map's `names`. */
function scopeName(map: MapIndex, gen: GeneratedFile, scope: FunctionScope): string | null {
  if (scope.name.length === 0) return null;
  const parts = scope.name.map((tok) => originalNameAt(map, gen, tok.offset) ?? tok.text);
  return scope.isConstructor ? `new ${parts.join('.')}` : parts.join('.');
}

/** `functionStart`: the position is where a function begins (a profile's frame), not a point inside it. */
function scopeAt(input: MapInput, line: number, column: number, functionStart = false): ScopeAnswer {
  const gen = input.generated;
  const offset = gen ? gen.offsetOf(line, column) : -1;
  const scope = gen && offset >= 0 ? (functionStart ? scopeOpeningAfter(gen.scopes(), offset) : innermostScope(gen.scopes(), offset)) : null;
  if (!gen || !scope) return { kind: 'unknown' };
  const name = scopeName(input.parsed.index, gen, scope);
  return name === null ? { kind: 'anonymous' } : { kind: 'named', name };
}

/**
 * What Sentry resolves the map's sources against: the map's URL (its `sourceMappingURL` joined
 * to the frame's path or URL as sent), else the minified file's own.
 */
function sourceBase(frame: SentryFrame, input: MapInput): string {
  const sent = frameRef(frame) ?? '';
  const url = input.generated?.sourceMappingURL;
  return url && !url.startsWith('data:') ? joinPaths(sent, url) : sent;
}

/** Without a column (old browsers), the first mapping on the line is the best guess. */
function lookup(map: MapIndex, line: number, column: number, exactColumn: boolean): ReturnType<MapIndex['original']> {
  return map.original(line, column, false) ?? (exactColumn ? null : map.original(line, column, true));
}

/**
 * Maps one minified frame to its original position (Sentry frames are 1-based in line and
 * column; source maps are 0-based in column). Returns a reason instead when it can't.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export async function applyMap(
  frame: SentryFrame,
  input: MapInput,
  resolveSource: SourceResolver,
  callerName: string | null,
): Promise<MappedFrame | { reason: string }> {
  const line = posInt(frame.lineno);
  const col = posInt(frame.colno);
  if (line === undefined) return { reason: 'frame has no line number to map' };
  const map = input.parsed.index;
  let pos;
  try {
    pos = lookup(map, line, col === undefined ? 0 : col - 1, col !== undefined);
  } catch {
    return { reason: `source map ${input.mapRef} has corrupt mappings` };
  }
  if (!pos) {
    return { reason: `no mapping for ${line}:${col ?? '?'} in ${input.mapRef}; the map may not match the file` };
  }
  const found = await resolveSource(pos.source);
  let embedded: string | null = null;
  try {
    embedded = map.sourceContent(pos.source);
  } catch {}
  const text = embedded ?? found.text;
  const out: SentryFrame = { ...frame };
  // abs_path stays the file on this machine (open in editor, more context, blame read it);
  // filename, module and function are Sentry's, since grouping and the UI read those.
  const names = mappedFileNames(map.rawSource(pos.source) ?? pos.source, sourceBase(frame, input));
  out.abs_path = found.absPath;
  out.filename = names.filename;
  if (names.module !== null) out.module = names.module;
  out.lineno = pos.line;
  out.colno = pos.column + 1;
  const functionStart = isRecord(frame.data) && frame.data.function_start === true;
  out.function = mappedFunctionName(str(frame.function), dartAsyncScope(scopeAt(input, line, col === undefined ? 0 : col - 1, functionStart), pos.name), callerName);
  // Sentry's `path:**/node_modules/** -app` reads the resolved path and the file name; the local copy may be elsewhere.
  if ([out.abs_path, names.absPath, names.filename].some((p) => p.split(/[\\/]/).includes('node_modules'))) out.in_app = false;
  const data: Record<string, unknown> = isRecord(frame.data) ? { ...frame.data } : {};
  delete data.sourcemap_error;
  data.sourcemap = input.mapRef;
  data.resolved_with = input.resolvedWith;
  data.symbolicated = true;
  if (embedded === null && found.changedSinceEvent) data.source_changed_since_event = true;
  out.data = data;
  setContext(out, text === null ? null : contextAround(splitLines(text), pos.line, undefined, pos.column + 1));
  return { frame: out, callSiteName: pos.name };
}
