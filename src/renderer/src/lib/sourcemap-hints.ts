/**
 * What to do about a frame no source map resolved, by why it was left minified: the fix Sentry's
 * "Unminify Code" / source map troubleshooting gives, in Lookout's terms (a local dev server it
 * fetches from, or a Source folder in Settings).
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */
import { SOURCEMAP_FAILURE_KINDS, type SourcemapFailureKind } from '../../../shared/sourcemap-failure';

const FIXES: Record<SourcemapFailureKind, string> = {
  'no-source-map-url': 'Build with source maps (esbuild --sourcemap, Vite build.sourcemap: true, webpack devtool: "source-map") so the script ends with //# sourceMappingURL=…, or add the folder holding the build and its .map files as a Source folder.',
  'host-not-allowed': 'Lookout fetches scripts and maps from localhost and from the hosts listed in Settings under "Also fetch scripts and source maps from these hosts" (lookout serve --fetch-host HOST): add this host there, or add the folder holding this build and its .map files as a Source folder.',
  'fetch-failed': 'Check that the dev server is running and serves the map next to the script (app.js → app.js.map), or add the folder holding the build as a Source folder.',
  'fetch-pending': 'The fetch had not finished when the event arrived; reload this page to try again.',
  'too-large': 'Lookout reads scripts and maps up to 64 MiB; split the bundle into smaller chunks.',
  'invalid-map': 'The file at the map\'s URL is not a valid source map: check that the server sends the .map file itself (not an HTML fallback page) and that the build wrote it completely.',
  'not-covered': 'The map belongs to another build of the script: rebuild, reload the page and trigger the error again, so the script and its map match.',
  'not-found': 'Add the folder holding the build and its .map files as a Source folder.',
  'debug-id': 'Add the folder holding the build whose map carries this debug id as a Source folder, or reload the page so it runs the current build.',
  other: 'Add the folder holding the build and its .map files as a Source folder.',
};

/** The fix for a kind of failure, in one or two sentences. */
export function unmappedFix(kind: SourcemapFailureKind): string {
  return FIXES[kind];
}

/** Short words for the kind, to head a note. */
export const KIND_TITLES: Record<SourcemapFailureKind, string> = {
  'no-source-map-url': 'The script names no source map',
  'host-not-allowed': 'The script is on a host Lookout does not fetch from',
  'fetch-failed': 'The script or its map could not be fetched',
  'fetch-pending': 'The map was still being fetched',
  'too-large': 'The script or its map is too large',
  'invalid-map': 'The source map is not valid',
  'not-covered': 'The map does not cover this position',
  'not-found': 'No source map found in the Source folders',
  'debug-id': 'No source map with the event\'s debug id',
  other: 'The source map could not be applied',
};

/**
 * Why a mapped frame has no context lines, as the issue view's symbolication says on it: its map
 * embeds no `sourcesContent` and the original source could not be fetched from its URL
 * (`data.source_context_error`, `data.source_context_error_kind`). Null when it says nothing.
 */
export function sourceContextFailureOf(data: unknown): { reason: string; kind: SourcemapFailureKind } | null {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const reason = d.source_context_error;
  if (typeof reason !== 'string' || reason === '') return null;
  const kind = d.source_context_error_kind;
  return { reason, kind: typeof kind === 'string' && (SOURCEMAP_FAILURE_KINDS as readonly string[]).includes(kind) ? kind as SourcemapFailureKind : 'other' };
}

const CONTEXT_FIXES: Partial<Record<SourcemapFailureKind, string>> = {
  'host-not-allowed': 'Add the host in Settings under "Also fetch scripts and source maps from these hosts", or add the project folder as a Source folder.',
  'not-covered': 'The source changed since the map was built: rebuild and trigger the error again.',
};

/** What to do about a frame without context lines: embed the sources in the map, serve them, or add a Source folder. */
export function sourceContextFix(kind: SourcemapFailureKind): string {
  return CONTEXT_FIXES[kind] ?? 'Build the map with its sources embedded (sourcesContent: esbuild, Vite and webpack do by default), serve the original files at the URLs the map names, or add the project folder as a Source folder.';
}
