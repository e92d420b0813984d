import type { SentryEvent } from '../../shared/sentry';
import { type Component, contributingValues, ignoredCopy } from './component';
import { isRecord } from './event-fields';
import { fingerprintKind, fingerprintOf, resolveFingerprint, saltedValues } from './fingerprint';
import { builtInFingerprint } from './builtin-fingerprints';
import { hashValues } from './hash';
import { eventTitle } from './title';
import type { GroupingResult, GroupingVariant } from './types';
import { type ComponentVariant, componentVariants } from './variants';

/**
 * Groups error events into issues the way Sentry's default grouping config does.
 * @see https://develop.sentry.dev/backend/grouping/
 */

export type { EventTitle, ExplanationNode, GroupingResult, GroupingVariant } from './types';
export { applyInAppRules } from './apply-in-app';
export { parameterize } from './parameterize';
export { eventTitle, transactionTitle } from './title';
export { readingFrames } from './frame-facts';

/** The grouping config these hashes follow; stored on each event so grouping can be versioned. */
export const GROUPING_CONFIG_ID = 'newstyle:2023-01-11';

function plain(variant: ComponentVariant): GroupingVariant {
  return { name: variant.name, hash: variant.hash, contributes: variant.hash !== null, explanation: variant.root };
}

function salted(variant: ComponentVariant, fingerprint: string[]): GroupingVariant {
  const hash = variant.hash === null ? null : hashValues(saltedValues(fingerprint, contributingValues(variant.root)));
  const fingerprintNode: Component = { id: 'fingerprint', contributes: hash !== null, values: fingerprint };
  const explanation: Component = {
    ...variant.root,
    hint: `${variant.root.hint ? `${variant.root.hint}; ` : ''}salted with the fingerprint, {{ default }} standing for this variant's values`,
    children: [...(variant.root.children ?? []), fingerprintNode],
  };
  return { name: variant.name, hash, contributes: hash !== null, explanation };
}

function custom(fingerprint: string[]): GroupingVariant {
  const explanation: Component = { id: 'custom-fingerprint', contributes: true, hint: 'fingerprint sent by the SDK', values: fingerprint };
  return { name: 'custom-fingerprint', hash: hashValues(fingerprint), contributes: true, explanation };
}

/**
 * Computes the grouping hashes of an event: `app` (in-app frames) and `system` (all frames)
 * variants, or the SDK's custom fingerprint, or one of Sentry's built-in fingerprint rules
 * (builtin-fingerprints.ts), or a fallback on the title when nothing contributes.
 * An event belongs to an existing issue if any of `hashes` matches one of the issue's.
 * @see https://develop.sentry.dev/backend/grouping/
 */
export function computeGrouping(event: SentryEvent): GroupingResult {
  const input: SentryEvent = isRecord(event) ? event : {};
  const components = componentVariants(input);
  const fingerprint = fingerprintOf(input);
  const kind = fingerprintKind(fingerprint);
  let variants: GroupingVariant[];
  const builtIn = kind === 'default' ? builtInFingerprint(input) : null;
  const ignoredBy = (why: string) => components.map((variant): GroupingVariant =>
    ({ name: variant.name, hash: null, contributes: false, explanation: ignoredCopy(variant.root, why) }));
  if (kind === 'custom' && fingerprint) {
    variants = [custom(resolveFingerprint(fingerprint, input)), ...ignoredBy('ignored because custom fingerprint takes precedence')];
  } else if (builtIn) {
    const explanation: Component = { id: 'built-in-fingerprint', contributes: true, hint: `Sentry's built-in rule ${builtIn.rule}`, values: builtIn.fingerprint };
    variants = [{ name: 'built-in-fingerprint', hash: hashValues(builtIn.fingerprint), contributes: true, explanation },
      ...ignoredBy('ignored because a built-in fingerprint rule takes precedence')];
  } else if (kind === 'hybrid' && fingerprint) {
    const resolved = resolveFingerprint(fingerprint, input);
    variants = components.map((variant) => salted(variant, resolved));
  } else {
    variants = components.map(plain);
  }
  if (!variants.some((variant) => variant.contributes)) {
    const title = eventTitle(input).title;
    const explanation: Component = { id: 'fallback', contributes: true, hint: 'nothing else contributed, so the event groups by its title', values: [title] };
    variants.push({ name: 'fallback', hash: hashValues([title]), contributes: true, explanation });
  }
  const hashes = [...new Set(variants.flatMap((variant) => (variant.contributes && variant.hash ? [variant.hash] : [])))];
  return { config: GROUPING_CONFIG_ID, hashes, variants };
}
