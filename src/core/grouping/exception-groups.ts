import type { SentryEvent, SentryException } from '../../shared/sentry';
import type { Component } from './component';
import { isRecord, text } from './event-fields';
import { normalizeMessage } from './parameterize';

/**
 * Which exceptions of a chain group the event, and which one titles it. Exception groups
 * (`mechanism.is_exception_group`, `exception_id`, `parent_id`) are reduced to their distinct
 * top-level exceptions, as Sentry's `filter_exceptions_for_exception_groups` does.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/#exception-mechanism
 */

interface TreeNode {
  index: number | undefined;
  children: number[];
}

/** The exceptions that take part in grouping, and the one that titles the event. */
export interface ExceptionSelection {
  /** Indices into the event's exceptions, in hashing order. */
  indices: number[];
  mainExceptionId: number | undefined;
}

const REACT_RECOVERABLE = new Set([
  'There was an error during concurrent rendering but React was able to recover by instead synchronously rendering the entire root.',
  'There was an error while hydrating but React was able to recover by instead client rendering from the nearest Suspense boundary.',
]);
const RXJAVA_WRAPPERS = new Set(['OnErrorNotImplementedException', 'CompositeException', 'UndeliverableException']);

// Sentry compares exceptions by their components, values normalized even where they do not
// contribute; ours keep the raw text there, so normalize it for the comparison.
function normalizedValues(this: unknown, key: string, value: unknown): unknown {
  if (key === 'values' && isRecord(this) && this.id === 'value' && Array.isArray(value)) {
    return value.map((text) => (typeof text === 'string' ? normalizeMessage(text) : text));
  }
  return value;
}

function exceptionId(exception: SentryException | undefined): number | undefined {
  const id = exception?.mechanism?.exception_id;
  return typeof id === 'number' ? id : undefined;
}

function parentId(exception: SentryException | undefined): number | undefined {
  const id = exception?.mechanism?.parent_id;
  return typeof id === 'number' ? id : undefined;
}

function buildTree(exceptions: readonly SentryException[]): Map<number, TreeNode> | undefined {
  const tree = new Map<number, TreeNode>();
  const node = (id: number): TreeNode => {
    const existing = tree.get(id);
    if (existing) return existing;
    const created: TreeNode = { index: undefined, children: [] };
    tree.set(id, created);
    return created;
  };
  for (let index = exceptions.length - 1; index >= 0; index--) {
    const id = exceptionId(exceptions[index]);
    const parent = parentId(exceptions[index]);
    if (id === undefined || id === parent || tree.get(id)?.index !== undefined) return undefined;
    node(id).index = index;
    if (parent !== undefined) node(parent).children.push(index);
  }
  return tree;
}

function childrenOf(tree: Map<number, TreeNode>, exceptions: readonly SentryException[], index: number): number[] {
  const id = exceptionId(exceptions[index]);
  return id === undefined ? [] : tree.get(id)?.children ?? [];
}

/** Exception groups in a chain, reduced like Sentry; the full chain when the tree is unusable. */
function filterGroups(exceptions: readonly SentryException[], parts: readonly Partial<Record<string, Component>>[], event: SentryEvent): ExceptionSelection {
  const all: ExceptionSelection = { indices: exceptions.map((_, index) => index), mainExceptionId: undefined };
  // Sentry keeps sentry-python 3.x chains whole to preserve its older hashes.
  const sdk = isRecord(event.sdk) ? text(event.sdk.version) : undefined;
  if (exceptions.length <= 1 || (event.platform === 'python' && sdk?.startsWith('3'))) return all;
  const tree = buildTree(exceptions);
  const root = tree?.get(0)?.index;
  if (!tree || root === undefined) return all;

  const topLevel: number[] = [];
  const visited = new Set<number>();
  const collect = (index: number): boolean => {
    if (visited.has(index)) return false;
    visited.add(index);
    if (exceptions[index]?.mechanism?.is_exception_group !== true) return topLevel.push(index) > 0;
    return childrenOf(tree, exceptions, index).every(collect);
  };
  if (!collect(root) || topLevel.length === 0) return all;

  const typeOf = (index: number) => String(exceptions[index]?.type ?? 'None');
  topLevel.sort((a, b) => (typeOf(a) < typeOf(b) ? 1 : typeOf(a) > typeOf(b) ? -1 : 0));
  const keyOf = (index: number) => JSON.stringify(parts[index] ?? {}, normalizedValues);
  const distinct = topLevel.filter((index, at) => at === 0 || keyOf(index) !== keyOf(topLevel[at - 1] as number));

  if (distinct.length === 1) {
    const main = distinct[0] as number;
    const path = [main];
    for (let next = childrenOf(tree, exceptions, main)[0]; next !== undefined && !path.includes(next); next = childrenOf(tree, exceptions, next)[0]) {
      path.push(next);
    }
    return { indices: path, mainExceptionId: exceptionId(exceptions[main]) };
  }
  return { indices: [...distinct, root], mainExceptionId: undefined };
}

/** Sentry's `_maybe_override_main_exception_id`: React recoverable errors and RxJava wrappers title by their cause. */
function overriddenMainId(chain: readonly SentryException[]): number | undefined {
  const first = chain[0];
  const last = chain[chain.length - 1];
  if (first?.type === 'Error' && REACT_RECOVERABLE.has(first.value ?? '') && last?.mechanism?.source === 'cause') {
    return exceptionId(last);
  }
  const wrapper = chain.find(
    (exception) =>
      exception.module === 'io.reactivex.rxjava3.exceptions' &&
      RXJAVA_WRAPPERS.has(exception.type ?? '') &&
      exception.mechanism?.type === 'UncaughtExceptionHandler',
  );
  const wrapperId = exceptionId(wrapper);
  if (wrapperId === undefined) return undefined;
  return exceptionId(chain.find((exception) => parentId(exception) === wrapperId && exceptionId(exception) !== undefined));
}

/** Exceptions to group by (exception groups reduced), and the main exception's id when it is not the last. */
export function selectExceptions(
  exceptions: readonly SentryException[],
  parts: readonly Partial<Record<string, Component>>[],
  event: SentryEvent,
): ExceptionSelection {
  const selection = filterGroups(exceptions, parts, event);
  if (selection.indices.length < 2) return selection;
  const override = overriddenMainId(selection.indices.map((index) => exceptions[index] as SentryException));
  return override ? { ...selection, mainExceptionId: override } : selection;
}
