/**
 * The issue a merge keeps, as the server picks it (`planMerge`): the most events, then the
 * newest id. Shown in the confirmation before the merge runs.
 */
export function mergeParentOf<T extends { id: number; count: number }>(issues: readonly T[]): T | undefined {
  return [...issues].sort((a, b) => b.count - a.count || b.id - a.id)[0];
}
