/**
 * The line Sentry's issue list shows under a title that does not hold the error's value: an issue titled
 * by a crash's function or `<unknown>` (a synthetic exception, such as an unsymbolicated sentry-native
 * SIGSEGV) shows its value, "Segfault". A `Type: value` title already says it, so it gets none.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/utils/events.tsx (getMessage)
 */
export function issueSubtitle(issueType: string, metadata: string | null | undefined): { subtitle?: string } {
  // Only an error whose metadata has no `type` can have one: most rows are left without parsing.
  if (issueType !== 'error' || !metadata || metadata.includes('"type":')) return {};
  try {
    const value = (JSON.parse(metadata) as { value?: unknown }).value;
    return typeof value === 'string' && value.trim() !== '' ? { subtitle: value.split('\n', 1)[0]!.slice(0, 200) } : {};
  } catch {
    return {};
  }
}
