/**
 * What the open view says its title is, when it knows more than its route (a trace's root span, a
 * replay's page). `store/use-document-title.ts` reads it; a view sets it with {@link usePageTitle}.
 */
import { useEffect } from 'react';
import { create } from 'zustand';

interface PageTitleState {
  /** Title parts, most specific first (lib/page-title.ts); null: the route's own title. */
  parts: readonly string[] | null;
  owner: symbol | null;
}

export const usePageTitleState = create<PageTitleState>(() => ({ parts: null, owner: null }));

/**
 * Names the page while the calling view is mounted (the last view mounted wins, as Sentry's deepest
 * `SentryDocumentTitle` does); `null` parts leave the route's title. Cleared when the view goes.
 */
export function usePageTitle(parts: readonly (string | null | undefined)[] | null): void {
  const key = parts === null ? null : JSON.stringify(parts.filter((p): p is string => typeof p === 'string' && p !== ''));
  useEffect(() => {
    if (key === null) return undefined;
    const owner = Symbol('page-title');
    usePageTitleState.setState({ parts: JSON.parse(key) as string[], owner });
    return () => {
      if (usePageTitleState.getState().owner === owner) usePageTitleState.setState({ parts: null, owner: null });
    };
  }, [key]);
}
