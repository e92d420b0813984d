import { open, realpath } from 'node:fs/promises';
import path from 'node:path';

/** Source files above this size are never read (the limit for local source context). */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;
/** Generated bundles and their maps are routinely bigger than sources, so they get more room. */
export const MAX_MAP_BYTES = 64 * 1024 * 1024;

/** What may be read: anything under a root, plus the exact files the event's frames name. */
export interface ReadScope {
  roots: readonly string[];
  exactFiles?: readonly string[];
  /** Reuse recent file-existence answers (`probe` in file-probe.ts): set on the ingest path only. */
  reuseProbes?: boolean;
}

/**
 * Frame paths outside the roots come from untrusted event data, so they are only read when they
 * look like program source — an event naming ~/.ssh/id_rsa or .env gets nothing.
 */
const SOURCE_EXTENSIONS = new Set([
  '.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.vue', '.svelte', '.astro', '.coffee',
  '.py', '.rb', '.php', '.go', '.java', '.kt', '.scala', '.rs', '.cs', '.swift', '.dart', '.ex', '.exs',
  '.erl', '.lua', '.c', '.cc', '.cpp', '.h', '.hpp', '.m', '.mm',
]);

/**
 * What is never read, inside the roots either, where event data names a file: a root (configured,
 * or detected from a frame) holds `.env` files, keys and credentials, which must never end up in
 * an event's context or a bug report. A denylist, since sources come in every form (Rakefile,
 * config.ru, index.android.bundle, .haml): dotfiles, key and certificate files, the folders
 * that hold credentials, and (by content, see {@link readAllowedText}) any PEM private key.
 */
const SECRET_EXTENSIONS = new Set(['.pem', '.key', '.p8', '.p12', '.pfx', '.jks', '.keystore', '.crt', '.cer', '.der', '.csr', '.gpg',
  '.asc', '.kdbx', '.ovpn', '.tfstate', '.tfvars']);
const SECRET_NAMES = /^(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:\.pub)?|credentials(?:\.json)?|secrets?\.(?:json|ya?ml|toml)|htpasswd)$/i;
const SECRET_DIRS = new Set(['.git', '.ssh', '.aws', '.gnupg', '.docker', '.kube', '.azure', '.config']);

/** False for a file event data must not have read (see {@link SECRET_EXTENSIONS}). */
function readableName(file: string): boolean {
  const name = path.basename(file);
  if (name.startsWith('.') || SECRET_NAMES.test(name) || SECRET_EXTENSIONS.has(path.extname(name).toLowerCase())) return false;
  return !file.split(/[\\/]/).some((segment) => SECRET_DIRS.has(segment));
}

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/;

export type AllowedFile = { ok: true; path: string; realPath: string } | { ok: false; reason: string };
export type TextFile = { ok: true; path: string; text: string; mtimeMs: number; size: number } | { ok: false; reason: string };

/** True when `child` is `parent` or lies below it (both absolute and normalised). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function realOrNull(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch {
    return null;
  }
}

/**
 * Decides whether `file` may be read. Both the lexical path and its realpath must stay inside
 * one root, so neither `..` nor a symlink can lead out; exact frame paths are matched literally.
 */
export async function checkAllowed(file: string, scope: ReadScope): Promise<AllowedFile> {
  if (typeof file !== 'string' || file === '' || file.includes('\0') || !path.isAbsolute(file)) {
    return { ok: false, reason: 'not an absolute file path' };
  }
  const lexical = path.resolve(file);
  const real = await realOrNull(lexical);
  if (real === null) return { ok: false, reason: `file not found: ${lexical}` };
  if (!readableName(lexical) || !readableName(real)) return { ok: false, reason: `not a source file: ${lexical}` };
  const exact =
    SOURCE_EXTENSIONS.has(path.extname(lexical).toLowerCase()) &&
    (scope.exactFiles ?? []).some((f) => typeof f === 'string' && path.isAbsolute(f) && path.resolve(f) === lexical);
  if (exact) return { ok: true, path: lexical, realPath: real };
  for (const root of scope.roots) {
    if (typeof root !== 'string' || !path.isAbsolute(root)) continue;
    const rootLexical = path.resolve(root);
    if (!isInside(lexical, rootLexical)) continue;
    const rootReal = await realOrNull(rootLexical);
    if (rootReal !== null && isInside(real, rootReal)) return { ok: true, path: lexical, realPath: real };
  }
  return { ok: false, reason: `outside the source roots: ${lexical}` };
}

function looksBinary(buf: Buffer): boolean {
  const end = Math.min(buf.length, 8000);
  for (let i = 0; i < end; i++) if (buf[i] === 0) return true;
  return false;
}

/** Reads an allowed regular text file; size is checked on the open handle so a swap can't bypass it. */
export async function readAllowedText(file: string, scope: ReadScope, maxBytes = MAX_SOURCE_BYTES): Promise<TextFile> {
  const allowed = await checkAllowed(file, scope);
  if (!allowed.ok) return allowed;
  let handle;
  try {
    handle = await open(allowed.realPath, 'r');
  } catch (err) {
    return { ok: false, reason: `cannot open ${allowed.path}: ${errorCode(err)}` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: `not a regular file: ${allowed.path}` };
    if (stat.size > maxBytes) return { ok: false, reason: `file too large (${stat.size} bytes): ${allowed.path}` };
    const buf = await handle.readFile();
    if (looksBinary(buf)) return { ok: false, reason: `binary file: ${allowed.path}` };
    // A private key under any name is not source.
    if (PEM_PRIVATE_KEY.test(buf.toString('latin1', 0, Math.min(buf.length, 1 << 20)))) return { ok: false, reason: `not a source file: ${allowed.path}` };
    return { ok: true, path: allowed.path, text: buf.toString('utf8'), mtimeMs: stat.mtimeMs, size: stat.size };
  } catch (err) {
    return { ok: false, reason: `cannot read ${allowed.path}: ${errorCode(err)}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}
