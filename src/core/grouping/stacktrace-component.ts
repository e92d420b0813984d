import type { SentryEvent, SentryStacktrace } from '../../shared/sentry';
import { type Component, ignoredCopy, parent } from './component';
import { framesOf } from './event-fields';
import { frameComponent } from './frame-component';
import { frameFacts, hasUrlOrigin, isSameCallSite } from './frame-facts';
import { type FrameFlags, resolveFrameFlags } from './in-app-rules';

/**
 * The `stacktrace:v1` component in its two variants: `app` (in-app frames only) and `system`
 * (all frames), as Sentry's `strategies/newstyle.py` builds them.
 * @see https://develop.sentry.dev/backend/grouping/#stack-trace-grouping
 */
export interface StacktraceVariants {
  app: Component;
  system: Component;
}

function notInAppHint(flags: FrameFlags): string {
  if (flags.inAppReason === 'sdk') return 'non app frame';
  if (flags.inAppReason === 'default') return 'non app frame (in_app not set)';
  return `non app frame (marked by stack trace rule: ${flags.inAppReason})`;
}

/** Both variants of one stack trace; the frame components are shared between them. */
export function stacktraceVariants(stacktrace: SentryStacktrace | undefined, event: SentryEvent): StacktraceVariants {
  const frames = framesOf(stacktrace).map((frame) => frameFacts(frame, event));
  const flags = resolveFrameFlags(frames);
  const system: Component[] = [];
  const app: Component[] = [];
  frames.forEach((facts, index) => {
    const frameFlags = flags[index] as FrameFlags;
    let component = frameComponent(facts);
    if (isSameCallSite(facts, frames[index - 1])) component = ignoredCopy(component, 'ignored due to recursion');
    if (frameFlags.noGroupRule) component = ignoredCopy(component, `ignored by stack trace rule (${frameFlags.noGroupRule})`);
    system.push(component);
    app.push(frameFlags.inApp ? component : ignoredCopy(component, notInAppHint(frameFlags)));
  });

  // Sentry drops a lone JS frame without a function whose path is a URL (or file) as too noisy.
  const only = frames.length === 1 ? frames[0] : undefined;
  if (only && only.family === 'javascript' && !only.function && hasUrlOrigin(only.absPath, true)) {
    for (const list of [system, app]) {
      if (list[0]?.contributes) list[0] = ignoredCopy(list[0], 'ignored single non-URL JavaScript frame');
    }
  }

  const systemNode = parent('stacktrace', system);
  const appNode = parent('stacktrace', app);
  if (frames.length === 0) {
    systemNode.hint = appNode.hint = 'ignored because it contains no frames';
  } else {
    if (!systemNode.contributes) systemNode.hint = 'ignored because it contains no contributing frames';
    if (!flags.some((frameFlags) => frameFlags.inApp)) {
      appNode.contributes = false;
      appNode.hint = 'ignored because it contains no in-app frames';
    } else if (!appNode.contributes) {
      appNode.hint = 'ignored because it contains no contributing frames';
    }
  }
  return { app: appNode, system: systemNode };
}

/** True when a contributing `stacktrace` component is reachable through contributing components. */
export function hasContributingStacktrace(component: Component): boolean {
  if (!component.contributes) return false;
  if (component.id === 'stacktrace') return true;
  return component.children?.some(hasContributingStacktrace) ?? false;
}

type VariantMap = Partial<Record<'app' | 'system', Component>>;

/** Sentry's `remove_non_stacktrace_variants`: a variant without a contributing stack trace yields to one with. */
export function preferStacktraceVariants<T extends VariantMap>(variants: T): T {
  const entries = Object.entries(variants) as ['app' | 'system', Component][];
  if (entries.length <= 1) return variants;
  const withStack = entries.filter(([, component]) => hasContributingStacktrace(component)).map(([name]) => name);
  if (withStack.length === 0) return variants;
  const hint = `ignored because this variant does not have a contributing stacktrace, but the ${withStack.length === 1 ? `${withStack[0]} variant does` : 'others do'}`;
  const result: VariantMap = {};
  for (const [name, component] of entries) result[name] = withStack.includes(name) ? component : ignoredCopy(component, hint);
  return result as T;
}
