/**
 * Global keyboard shortcuts: `/` search, `j`/`k` move (focus goes to the row itself), `Enter` or `o`
 * open, `x` check the focused row (Sentry's and Gmail's), `Esc` back, `r` resolve, `e` ignore
 * (Sentry's archive key, as Gmail's and Linear's), `m` merge the selected issues (after its confirm).
 * The list's grid keys (↑/↓, Home/End, Space, →/←) are its own: views/issues/issue-grid-keys.ts.
 * Ignored while typing in a field (except Esc, which leaves the field).
 */
import { useEffect } from 'react';
import { useStore } from '../store';
import { SEARCH_INPUT_ID } from '../views/issues/IssueFiltersBar';
import { moveIssueFocus, toggleFocusedIssue } from '../views/issues/issue-grid-keys';
import { onFeedbackKey } from '../views/feedback/feedback-keys';
import { navigate } from './navigation';
import type { Route } from './route';

/** Inputs that take no text: after ticking a row's checkbox, `r` must still resolve the selection. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  const tag = target.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** Focuses the search box, waiting a few frames for the list view to mount after navigating. */
function focusSearch(framesLeft = 20): void {
  const el = document.getElementById(SEARCH_INPUT_ID);
  if (el instanceof HTMLInputElement) {
    el.focus();
    el.select();
  } else if (framesLeft > 0) {
    window.requestAnimationFrame(() => focusSearch(framesLeft - 1));
  }
}

function onIssues(key: string): boolean {
  const s = useStore.getState();
  switch (key) {
    case 'j': moveIssueFocus(1); return true;
    case 'k': moveIssueFocus(-1); return true;
    case 'x': return toggleFocusedIssue();
    case 'Enter': case 'o':
      if (s.focusedId === null) return false;
      navigate({ name: 'issue', issueId: s.focusedId });
      return true;
    case 'r': {
      const ids = s.selected.size > 0 ? [...s.selected] : s.focusedId !== null ? [s.focusedId] : [];
      if (ids.length === 0) return false;
      void s.changeIssuesStatus(ids, { status: 'resolved' });
      return true;
    }
    case 'e': {
      const ids = s.selected.size > 0 ? [...s.selected] : s.focusedId !== null ? [s.focusedId] : [];
      if (ids.length === 0) return false;
      void s.changeIssuesStatus(ids, { status: 'ignored' });
      return true;
    }
    case 'm': {
      // The bulk bar's Merge button: it says why it cannot merge, and asks before it does.
      const merge = document.querySelector<HTMLButtonElement>('[data-testid="merge-issues"]:not(:disabled)');
      if (!merge) return false;
      merge.click();
      return true;
    }
    case 'Escape': if (s.selected.size > 0) { s.setAllSelected(false); return true; } return false;
    default: return false;
  }
}

function onDetail(key: string): boolean {
  const s = useStore.getState();
  const nav = s.event?.nav;
  const issueId = s.event?.issueId ?? null;
  switch (key) {
    case 'Escape': navigate({ name: 'issues', filters: s.filters }); return true;
    case 'r':
      if (!s.issue || s.issue.status !== 'unresolved') return false;
      void s.changeIssuesStatus([s.issue.id], { status: 'resolved' });
      return true;
    case 'e':
      if (!s.issue || s.issue.status !== 'unresolved') return false;
      void s.changeIssuesStatus([s.issue.id], { status: 'ignored' });
      return true;
    case 'j': case 'k': {
      const target = key === 'j' ? nav?.previous : nav?.next;
      if (!target || issueId === null) return false;
      navigate({ name: 'issue', issueId, eventId: target });
      return true;
    }
    default: return false;
  }
}

export function useShortcuts(route: Route): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      // A modal dialog has the keyboard: its Esc closes it and nothing behind it.
      if (document.querySelector('dialog[open], [aria-modal="true"]')) return;
      if (isTyping(e.target)) {
        // Esc leaves the field as it is: a search field's own Esc would clear it (and the filter).
        if (e.key === 'Escape' && e.target instanceof HTMLElement) { e.preventDefault(); e.target.blur(); }
        return;
      }
      // Enter on a focused button or link activates that control, not the list shortcut.
      if (e.key === 'Enter' && (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement)) return;
      if (e.key === '?') {
        e.preventDefault();
        useStore.getState().setShortcutsOpen(true);
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        if (route.name !== 'issues') navigate({ name: 'issues', filters: useStore.getState().filters });
        focusSearch();
        return;
      }
      let handled = false;
      if (route.name === 'issues') handled = onIssues(e.key);
      else if (route.name === 'issue' || route.name === 'event') handled = onDetail(e.key);
      else if (route.name === 'feedback') handled = onFeedbackKey(e.key);
      else if (e.key === 'Escape' && route.name === 'replay') { window.history.back(); handled = true; }
      else if ((e.key === ' ' || e.key === 'k') && route.name === 'replay') {
        // The player keeps its state to itself; its own button toggles it (a focused button already takes Space).
        const play = document.querySelector<HTMLButtonElement>('[data-testid="replay-view"] [data-testid="replay-play"]');
        if (play && !(e.target instanceof HTMLButtonElement)) { play.click(); handled = true; }
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route]);
}
