/**
 * Small validators for reading a bundle: each names the exact place that is wrong
 * (`events[2].payload must be an object, found string`), because a bundle is a file a user picked.
 */

export class BundleError extends Error {
  override name = 'BundleError';
  constructor(message: string) {
    super(`Invalid Lookout bundle: ${message}`);
  }
}

export type Obj = Record<string, unknown>;

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function fail(where: string, wanted: string, v: unknown): never {
  throw new BundleError(`${where} must be ${wanted}, found ${kind(v)}`);
}

export function obj(v: unknown, where: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, 'an object', v);
  return v as Obj;
}

export function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) fail(where, 'an array', v);
  return v;
}

export function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${where}.${key}`, 'a string', v);
  return v;
}

export function strOrNull(o: Obj, key: string, where: string): string | null {
  const v = o[key];
  if (v !== null && typeof v !== 'string') fail(`${where}.${key}`, 'a string or null', v);
  return v;
}

export function num(o: Obj, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}.${key}`, 'a finite number', v);
  return v;
}

export function int(o: Obj, key: string, where: string): number {
  const v = num(o, key, where);
  if (!Number.isSafeInteger(v)) fail(`${where}.${key}`, 'an integer', v);
  return v;
}

export function numOrNull(o: Obj, key: string, where: string): number | null {
  return o[key] === null ? null : num(o, key, where);
}

export function bool(o: Obj, key: string, where: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') fail(`${where}.${key}`, 'a boolean', v);
  return v;
}

export function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], where: string): T {
  const v = str(o, key, where);
  if (!(allowed as readonly string[]).includes(v)) {
    throw new BundleError(`${where}.${key} must be one of ${allowed.join(', ')}, found "${v.slice(0, 40)}"`);
  }
  return v as T;
}

export function strings(o: Obj, key: string, where: string): string[] {
  return arr(o[key], `${where}.${key}`).map((v, i) => {
    if (typeof v !== 'string') fail(`${where}.${key}[${i}]`, 'a string', v);
    return v;
  });
}

export function numbers(o: Obj, key: string, where: string): number[] {
  return arr(o[key], `${where}.${key}`).map((v, i) => {
    if (typeof v !== 'number') fail(`${where}.${key}[${i}]`, 'a number', v);
    return v;
  });
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: Node's decoder silently skips bad characters, which would hide corruption. */
export function base64(o: Obj, key: string, where: string): Buffer {
  const v = str(o, key, where);
  if (v.length % 4 !== 0 || !BASE64_RE.test(v)) throw new BundleError(`${where}.${key} is not valid base64`);
  return Buffer.from(v, 'base64');
}

export function base64OrNull(o: Obj, key: string, where: string): Buffer | null {
  return o[key] === null ? null : base64(o, key, where);
}
