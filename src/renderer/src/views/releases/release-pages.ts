import type { ReleaseSummary } from '../../../../shared/api-releases';

const keyOf = (r: ReleaseSummary) => `${r.projectId}\u0000${r.version}`;

/**
 * The live first page, then the pages "Load more" read, each release once: one that moved up into
 * the first page since (it was seen again) shows there with its new figures, not twice.
 */
export function mergePages(first: readonly ReleaseSummary[], later: readonly ReleaseSummary[]): ReleaseSummary[] {
  const seen = new Set(first.map(keyOf));
  const out = [...first];
  for (const r of later) {
    if (seen.has(keyOf(r))) continue;
    seen.add(keyOf(r));
    out.push(r);
  }
  return out;
}
