/**
 * How a stack frame is named, as Sentry's issue page names it: on Java and .NET the module (the
 * fully qualified class, `io.sentry.samples.MainActivity$$Lambda0`) comes first, since the file
 * name alone (`MainActivity.java`) drops the package and the inner class; elsewhere the file.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
interface FrameNames { filename?: unknown; abs_path?: unknown; module?: unknown; package?: unknown; platform?: unknown }

const MODULE_FIRST = new Set(['java', 'csharp']);
const FILE_FIRST = ['filename', 'abs_path', 'module', 'package'] as const;
const MODULE_FIRST_ORDER = ['module', 'filename', 'abs_path', 'package'] as const;

/** The frame's own platform, else the event's, decides the order. */
export function frameFileLabel(frame: FrameNames, eventPlatform?: unknown): string {
  const platform = typeof frame.platform === 'string' && frame.platform ? frame.platform : eventPlatform;
  const order = typeof platform === 'string' && MODULE_FIRST.has(platform) ? MODULE_FIRST_ORDER : FILE_FIRST;
  for (const key of order) {
    const v = frame[key];
    // A native frame names only its image (`package`, a full path): Sentry shows the image's name.
    if (typeof v === 'string' && v) return key === 'package' ? v.split(/[\\/]/).filter(Boolean).pop() ?? v : v;
  }
  return '<unknown>';
}

/** The line to show: SDKs send 0 (JVM lambdas, native frames) when there is none. */
export function frameLine(lineno: unknown): number | null {
  return typeof lineno === 'number' && Number.isFinite(lineno) && lineno > 0 ? lineno : null;
}
