import type { ExplanationNode } from './types';

/**
 * Grouping components are explanation nodes: a leaf holds values, a parent holds children, and
 * only contributing components feed the hash (Sentry's `GroupingComponent`).
 * @see https://develop.sentry.dev/backend/grouping/
 */
export type Component = ExplanationNode;

/** A leaf that contributes when it has a value. */
export function leaf(id: string, value: string | undefined, hint?: string): Component {
  const node: Component = { id, contributes: value !== undefined, values: value === undefined ? [] : [value] };
  if (hint) node.hint = hint;
  return node;
}

/** A parent that contributes when any child does. */
export function parent(id: string, children: Component[], hint?: string): Component {
  const node: Component = { id, contributes: children.some((child) => child.contributes), children };
  if (hint) node.hint = hint;
  return node;
}

/** Marks a component as not contributing, with the reason (mutates: use on fresh components). */
export function ignore(component: Component, hint?: string): Component {
  component.contributes = false;
  if (hint) component.hint = hint;
  return component;
}

/** A shallow copy marked as not contributing, for components shared between variants. */
export function ignoredCopy(component: Component, hint?: string): Component {
  const copy: Component = { id: component.id, contributes: false };
  const reason = hint ?? component.hint;
  if (reason !== undefined) copy.hint = reason;
  if (component.values) copy.values = component.values;
  if (component.children) copy.children = component.children;
  return copy;
}

/** Sentry's `iter_values`: leaf values of contributing components, depth first. */
export function contributingValues(component: Component, out: string[] = []): string[] {
  if (!component.contributes) return out;
  if (component.values) for (const value of component.values) out.push(value);
  if (component.children) for (const child of component.children) contributingValues(child, out);
  return out;
}

/** Drops empty components (no values, no children, no hint) so explanations show what was looked at. */
export function withoutEmpty(children: Component[]): Component[] {
  return children.filter((child) => (child.values?.length ?? 0) > 0 || (child.children?.length ?? 0) > 0 || child.hint !== undefined);
}
