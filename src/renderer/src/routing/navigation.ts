/** Reading and changing the hash route, plus a React hook that follows it. */
import { useMemo, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function snapshot(): string {
  return window.location.hash;
}

/** The current route; a new object only when the hash changes (safe as an effect dependency). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => parseRoute(hash), [hash]);
}

/**
 * Goes to a route. `replace` rewrites the current history entry (used for filter edits so the
 * back button does not replay every keystroke).
 */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = formatRoute(route);
  if (hash === window.location.hash) return;
  if (options.replace) {
    const url = `${window.location.pathname}${window.location.search}${hash}`;
    window.history.replaceState(window.history.state, '', url);
    // replaceState does not fire hashchange; tell subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** `href` for a route, for real links (middle-click, copy link). */
export function hrefOf(route: Route): string {
  return formatRoute(route);
}
