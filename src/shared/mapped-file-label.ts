import { frameFileLabel } from './frame-label';

/** The parts of a frame its label reads (a `SentryFrame` or a raw payload frame). */
interface LabelledFrame { filename?: unknown; abs_path?: unknown; module?: unknown; package?: unknown; platform?: unknown; data?: unknown }

/** Leading `./` and `../` segments of a path a source map wrote relative to itself. */
const CLIMB = /^(?:\.\.?\/)+/;

/**
 * The file label of a frame as the stack trace shows it (the issue page and the bug reports). A frame a
 * source map resolved keeps the map's own name in `filename` (Sentry's symbolicator stores it so, and
 * grouping reads it), which for Vite and esbuild builds climbs out of the map's folder (`../../src/cart.js`,
 * even `../../../../work/app/node_modules/react-dom/…`). Sentry resolves that against the map's URL for
 * `abs_path`, where a climb past the host's root is dropped; the label shows that path, without the climb
 * (`src/cart.js`). Every other frame shows its usual label.
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/utils.rs (join_paths)
 */
export function mappedFileLabel(frame: LabelledFrame, eventPlatform?: unknown): string {
  const label = frameFileLabel(frame, eventPlatform);
  const mapped = typeof frame.data === 'object' && frame.data !== null && (frame.data as Record<string, unknown>).symbolicated === true;
  if (!mapped || label !== frame.filename || !CLIMB.test(label)) return label;
  const rest = label.replace(CLIMB, '');
  return rest === '' ? label : rest;
}
