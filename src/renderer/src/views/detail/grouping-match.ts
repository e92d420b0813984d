import type { GroupingMatch, GroupingVariantInfo } from '../../../../shared/api-types';

/** A variant as a person reads it ("app" is Sentry's in-app stack trace). */
const VARIANT_WORDS: Record<string, string> = {
  app: 'in-app stack trace', system: 'system stack trace', 'custom-fingerprint': 'custom fingerprint',
  'built-in-fingerprint': 'built-in fingerprint', fallback: 'title (fallback)', default: 'message',
};

function variantWords(variants: GroupingVariantInfo[], hash: string): string {
  const name = variants.find((v) => v.hash === hash)?.name;
  return name ? VARIANT_WORDS[name] ?? name : hash.slice(0, 12);
}

/**
 * "Grouped by: system stack trace (the in-app one differs between events)": which of the event's
 * hashes an earlier event of the issue had (Sentry joins on any one of them), and which differ.
 * @see https://develop.sentry.dev/backend/grouping/
 */
export function groupingMatchText(match: GroupingMatch, variants: GroupingVariantInfo[]): string {
  if (match.opened) return 'This event opened the issue: later events join it when they share any of its hashes.';
  if (match.joinedBy === null) return 'Grouped by: a merge (no earlier event of the issue has any of its hashes).';
  const differs = match.differs.map((h) => variantWords(variants, h).replace(/ stack trace$/, ' one'));
  const note = differs.length === 0 ? '' : ` (the ${differs.join(' and the ')} differ${differs.length === 1 ? 's' : ''} between events)`;
  return `Grouped by: ${variantWords(variants, match.joinedBy)}${note}`;
}
