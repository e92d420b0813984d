import { useMemo } from 'react';
import type { SentryFrame } from '../../../../shared/sentry';
import { sourcemapFailureOf, type SourcemapFailureKind } from '../../../../shared/sourcemap-failure';
import { KIND_TITLES, unmappedFix } from '../../lib/sourcemap-hints';
import { hrefOf } from '../../routing/navigation';

/** Needs the Settings link: every fix but waiting or rebuilding involves a Source folder or a host. */
const SETTINGS_KINDS = new Set<SourcemapFailureKind>(['no-source-map-url', 'host-not-allowed', 'fetch-failed', 'not-found', 'debug-id', 'other']);

/**
 * Above a stack trace with minified frames: why they are (one line per kind of failure, with how
 * many frames) and how to fix it, linking to Settings. Sentry shows the same as its "Unminify
 * Code" hint.
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */
export function UnmappedSummary({ frames }: { frames: SentryFrame[] }) {
  const kinds = useMemo(() => {
    const counts = new Map<SourcemapFailureKind, number>();
    for (const f of frames) {
      const failure = sourcemapFailureOf(f.data);
      if (failure) counts.set(failure.kind, (counts.get(failure.kind) ?? 0) + 1);
    }
    return [...counts];
  }, [frames]);
  if (kinds.length === 0) return null;
  return (
    <div className="frame-note-warn unmapped-summary" data-testid="unmapped-summary" role="note">
      {kinds.map(([kind, count]) => (
        <p key={kind} className="small" data-testid="unmapped-summary-kind" data-kind={kind}>
          <strong>{KIND_TITLES[kind]}</strong> ({count === 1 ? '1 frame' : `${count} frames`} not source-mapped). {unmappedFix(kind)}
          {SETTINGS_KINDS.has(kind) && <> <a href={hrefOf({ name: 'settings' })} data-testid="unmapped-summary-settings">Open Settings</a></>}
        </p>
      ))}
    </div>
  );
}
