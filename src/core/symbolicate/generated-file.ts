import { stat } from 'node:fs/promises';
import { checkAllowed, MAX_MAP_BYTES, readAllowedText, type ReadScope } from './safe-read';
import { normalizeDebugId } from './map-cache';
import { scanFunctionScopes, type FunctionScope } from './function-scopes';
import { JS_SNIPPET, SNIPPET_HEAD_CHARS } from './debug-id-index';

const MAX_CACHED_FILES = 16;
/** Budget for the text of all cached generated files together. */
const MAX_CACHED_CHARS = 64 * 1024 * 1024;

/** A minified file on disk, with what its trailing comments say. */
export interface GeneratedFile {
  path: string;
  stamp: string;
  mtimeMs: number;
  text: string;
  sourceMappingURL: string | null;
  /** Normalised `//# debugId=` value, else the id the Sentry plugins' snippet at its top registers. */
  debugId: string | null;
  /** Function scopes of the code, computed on first use (they name minified frames). */
  scopes(): FunctionScope[];
  /** Character offset of a 1-based line / 0-based column, or -1. */
  offsetOf(line: number, column: number): number;
  /** 0-based line and column of a character offset. */
  positionOf(offset: number): { line: number; column: number };
}

const cache = new Map<string, GeneratedFile>();
let cachedChars = 0;

function forget(key: string): void {
  const old = cache.get(key);
  if (!old) return;
  cache.delete(key);
  cachedChars -= old.text.length;
}

/** True when only blank lines and `//` comment lines follow `from`. */
function onlyCommentsAfter(text: string, from: number): boolean {
  for (const line of text.slice(from).split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('//')) return false;
  }
  return true;
}

/**
 * The value of the last `//# name=value` (or legacy `//@`) comment line that only comments
 * follow, searched from the end the way browsers do — so the text inside a string earlier in
 * the file never counts.
 * @see https://tc39.es/ecma426/#sec-linking-generated-code
 */
export function trailingComment(text: string, name: string): string | null {
  const needle = `${name}=`;
  let at = text.length;
  for (let tries = 0; tries < 16; tries++) {
    at = text.lastIndexOf(needle, at - 1);
    if (at < 3) return null;
    let p = at - 1;
    while (p > 0 && (text[p] === ' ' || text[p] === '\t')) p--;
    if ((text[p] !== '#' && text[p] !== '@') || text.slice(p - 2, p) !== '//') continue;
    let q = p - 3;
    while (q >= 0 && (text[q] === ' ' || text[q] === '\t')) q--;
    if (q >= 0 && text[q] !== '\n' && text[q] !== '\r') continue;
    const start = at + needle.length;
    const lf = text.indexOf('\n', start);
    const cr = text.indexOf('\r', start);
    const end = Math.min(lf === -1 ? text.length : lf, cr === -1 ? text.length : cr);
    if (!onlyCommentsAfter(text, end)) return null;
    const value = text.slice(start, end).trim();
    return value === '' ? null : value;
  }
  return null;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function build(path: string, text: string, mtimeMs: number, size: number): GeneratedFile {
  let scopes: FunctionScope[] | null = null;
  let starts: number[] | null = null;
  return {
    path,
    stamp: `${mtimeMs}:${size}`,
    mtimeMs,
    text,
    sourceMappingURL: trailingComment(text, 'sourceMappingURL'),
    debugId: normalizeDebugId(trailingComment(text, 'debugId')) ?? normalizeDebugId(JS_SNIPPET.exec(text.slice(0, SNIPPET_HEAD_CHARS))?.[1]),
    scopes: () => (scopes ??= scanFunctionScopes(text)),
    offsetOf(line, column) {
      starts ??= lineStartsOf(text);
      const s = starts[line - 1];
      if (s === undefined || column < 0) return -1;
      const next = starts[line] ?? text.length + 1;
      return s + column < next ? s + column : -1;
    },
    positionOf(offset) {
      starts ??= lineStartsOf(text);
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? Infinity) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, column: offset - (starts[lo] ?? 0) };
    },
  };
}

/**
 * A generated file fetched from a URL (not cached here; the fetch cache keys it by `stamp`). Its
 * map is the response's `SourceMap`/`X-SourceMap` header when there is one, else its comment,
 * as Sentry reads them.
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/utils.rs (resolve_sourcemap_url)
 */
export function generatedFromText(url: string, text: string, stamp: string, headerMapUrl: string | null): GeneratedFile {
  const gen = build(url, text, 0, text.length);
  return { ...gen, stamp, sourceMappingURL: headerMapUrl ?? gen.sourceMappingURL };
}

/** Reads (or reuses) a generated file that the scope allows. */
export async function loadGeneratedFile(file: string, scope: ReadScope): Promise<GeneratedFile | { error: string }> {
  const allowed = await checkAllowed(file, scope);
  if (!allowed.ok) return { error: allowed.reason };
  try {
    const s = await stat(allowed.realPath);
    const hit = cache.get(allowed.realPath);
    if (hit && hit.stamp === `${s.mtimeMs}:${s.size}` && hit.path === allowed.path) return hit;
  } catch {
    return { error: `file not found: ${allowed.path}` };
  }
  const read = await readAllowedText(allowed.path, scope, MAX_MAP_BYTES);
  if (!read.ok) return { error: read.reason };
  const gen = build(read.path, read.text, read.mtimeMs, read.size);
  forget(allowed.realPath);
  cache.set(allowed.realPath, gen);
  cachedChars += gen.text.length;
  while (cache.size > MAX_CACHED_FILES || (cachedChars > MAX_CACHED_CHARS && cache.size > 1)) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    forget(oldest);
  }
  return gen;
}
