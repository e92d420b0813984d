import type { SentryEvent } from '../../shared/sentry';
import { type Component, contributingValues, ignoredCopy, parent } from './component';
import { isRecord } from './event-fields';
import { exceptionStrategy } from './exception-component';
import { hashValues } from './hash';
import { messageComponent } from './message-component';
import { preferStacktraceVariants, stacktraceVariants } from './stacktrace-component';
import { threadsVariants } from './threads-component';

/**
 * Runs Sentry's strategies in priority order (exception, threads, stack trace, message); the
 * first with a contributing component wins and the others are kept, marked as ignored, for the
 * explanation. Produces the `app` and `system` component trees and their hashes.
 * @see https://develop.sentry.dev/backend/grouping/
 */

type StrategyOutput = Partial<Record<'app' | 'system' | 'default', Component>>;

const STRATEGIES: readonly (readonly [string, (event: SentryEvent) => StrategyOutput])[] = [
  ['exception', (event) => exceptionStrategy(event).variants],
  ['threads', threadsVariants],
  ['stack-trace', (event) => (isRecord(event.stacktrace) ? preferStacktraceVariants(stacktraceVariants(event.stacktrace, event)) : {})],
  [
    'message',
    (event) => {
      const message = messageComponent(event);
      return message ? { default: message } : {};
    },
  ],
];

/** The app or system component tree and its hash (null when it does not contribute). */
export interface ComponentVariant {
  name: 'app' | 'system';
  root: Component;
  hash: string | null;
}

/** The app and system variants of an event, before any fingerprint applies. */
export function componentVariants(event: SentryEvent): [ComponentVariant, ComponentVariant] {
  const roots: Record<'app' | 'system', Component[]> = { app: [], system: [] };
  let winner: string | undefined;
  let precedenceHint: string | undefined;
  for (const [strategy, run] of STRATEGIES) {
    const output = run(event);
    const contributing = (Object.keys(output) as (keyof StrategyOutput)[]).filter((name) => output[name]?.contributes);
    if (winner === undefined && contributing.length > 0) {
      winner = strategy;
      const subject = output.default ? strategy : `${strategy} of ${contributing.sort().join('/')}`;
      precedenceHint = `ignored because ${subject} take${strategy.endsWith('s') ? '' : 's'} precedence`;
    }
    for (const [name, component] of Object.entries(output) as [keyof StrategyOutput, Component][]) {
      const kept = winner !== strategy && component.contributes ? ignoredCopy(component, precedenceHint) : component;
      // Sentry's `default` variant (the message) has no app/system split: both roots hold it.
      for (const root of name === 'default' ? (['app', 'system'] as const) : [name]) roots[root].push(kept);
    }
  }
  const build = (name: 'app' | 'system'): ComponentVariant => {
    const root = parent(name, roots[name]);
    if (!root.contributes && precedenceHint) root.hint = precedenceHint;
    return { name, root, hash: root.contributes ? hashValues(contributingValues(root)) : null };
  };
  const app = build('app');
  const system = build('system');
  if (system.hash !== null && system.hash === app.hash) {
    return [app, { name: 'system', root: ignoredCopy(system.root, 'ignored because hash matches app variant'), hash: null }];
  }
  return [app, system];
}
