import type { ProfileFrameInfo } from '../../shared/api-profile';

const MAX_TEXT = 500;

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v.slice(0, MAX_TEXT) : null;
}

function line(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/**
 * What the view shows of one profile frame. A frame holds at least a `function`, a file or an
 * `instruction_addr` (native frames before symbolication); a module or package groups frames.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#profile-data
 */
export function frameInfo(raw: unknown): ProfileFrameInfo {
  const f = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const file = text(f.abs_path) ?? text(f.filename) ?? text(f.file);
  return {
    name: text(f.function) ?? text(f.raw_function) ?? text(f.instruction_addr) ?? (file ? '(anonymous)' : '(unknown)'),
    file, line: line(f.lineno), module: text(f.module) ?? text(f.package),
    inApp: typeof f.in_app === 'boolean' ? f.in_app : null,
  };
}

/** Frames that are the same function at the same place merge across chunks. */
export function frameKey(f: ProfileFrameInfo): string {
  return `${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.module ?? ''}`;
}

/** The functions table groups a function's frames whatever their line. */
export function functionKey(f: ProfileFrameInfo): string {
  return `${f.name}\u0000${f.file ?? ''}\u0000${f.module ?? ''}`;
}
