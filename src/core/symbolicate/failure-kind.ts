import type { SourcemapFailureKind } from '../../shared/sourcemap-failure';

export { kindOfReason } from '../../shared/sourcemap-failure';

/** A map that could not be used, in words and as a kind the UI turns into a fix. */
export interface MapFailure {
  reason: string;
  kind: SourcemapFailureKind;
}
