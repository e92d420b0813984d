import { useCallback, useEffect, useRef, useState } from 'react';
import type { FeedbackListItem } from '../../../../shared/api-feedback';
import { api } from '../../api/instance';
import { navigate } from '../../routing/navigation';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { FeedbackDetail } from './FeedbackDetail';
import { FeedbackRow, feedbackHref } from './FeedbackRow';
import { setFeedbackKeys } from './feedback-keys';
import { useFeedbackList } from './use-feedback-list';
import './feedback-page.css';

const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  project?: number;
  query?: string;
  /** The feedback open in the detail pane (a row id from the URL). */
  openId?: number;
}

const filtersOf = (project: number | undefined, query: string) => ({ ...(project !== undefined ? { project } : {}), ...(query ? { query } : {}) });

/** The open feedback: from the loaded list, else read on its own (a link to one further down). */
function useOpenItem(openId: number | undefined, items: FeedbackListItem[]) {
  const inList = openId === undefined ? undefined : items.find((i) => i.id === openId);
  const [own, setOwn] = useState<{ id: number; item: FeedbackListItem | null } | null>(null);
  useEffect(() => {
    if (openId === undefined || inList) return;
    let live = true;
    const settle = (item: FeedbackListItem | null) => { if (live) setOwn({ id: openId, item }); };
    api().feedbackItem(openId).then(settle).catch(() => settle(null));
    return () => { live = false; };
  }, [openId, inList]);
  const fetched = own !== null && own.id === openId ? own : null;
  return {
    open: inList ?? fetched?.item ?? null,
    /** Asked for, and the server has no such feedback (deleted, or a stale link). */
    missing: fetched !== null && fetched.item === null && !inList,
    setOwn: useCallback((item: FeedbackListItem) => setOwn({ id: item.id, item }), []),
  };
}

/**
 * `#/feedback`: Sentry's User Feedback page. Every feedback, about an error or not (the widget's
 * "Report a bug", `captureFeedback`, user reports), newest first and live, searchable by text and
 * by project, with the open one in a pane beside the list.
 * @see https://docs.sentry.io/product/user-feedback/
 */
export function FeedbackView({ project, query = '', openId }: Props) {
  const list = useFeedbackList(project, query);
  const projects = useStore((s) => s.projects);
  const names = useProjectNames();
  const { open, missing, setOwn: setOwnOpen } = useOpenItem(openId, list.items);
  const [focusedId, setFocusedId] = useState<number | null>(openId ?? null);
  const [text, setText] = useState(query);
  const listRef = useRef<HTMLDivElement>(null);
  const filters = filtersOf(project, query);

  useEffect(() => setText(query), [query]);
  useEffect(() => {
    if (text.trim() === query) return;
    const t = window.setTimeout(() => navigate({ name: 'feedback', project, query: text.trim() || undefined, id: openId }, { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, query, project, openId]);
  useEffect(() => { if (openId !== undefined) setFocusedId(openId); }, [openId]);

  const changed = useCallback((item: FeedbackListItem) => { list.replace(item); setOwnOpen(item); }, [list.replace, setOwnOpen]);

  // j/k move the keyboard's row, Enter opens it, Esc closes the pane.
  const { items } = list;
  useEffect(() => setFeedbackKeys((key) => {
    const filters = filtersOf(project, query);
    const at = items.findIndex((i) => i.id === focusedId);
    if (key === 'j' || key === 'k') {
      const next = items[Math.min(Math.max(at === -1 ? 0 : at + (key === 'j' ? 1 : -1), 0), items.length - 1)];
      if (!next) return false;
      setFocusedId(next.id);
      listRef.current?.querySelector(`[data-feedback-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
      return true;
    }
    if (key === 'Enter' && at !== -1) { navigate({ name: 'feedback', ...filters, id: focusedId ?? undefined }); return true; }
    if (key === 'Escape' && openId !== undefined) { navigate({ name: 'feedback', ...filters }); return true; }
    return false;
  }), [items, focusedId, openId, project, query]);

  return (
    <div className="view feedback-view" data-testid="feedback-view">
      <header className="view-head">
        <h1>User Feedback</h1>
        <span className="muted small" data-testid="feedback-count">
          {list.items.length.toLocaleString()}{list.nextCursor ? '+' : ''} shown · {list.unread.toLocaleString()} unread
        </span>
      </header>
      <div className="filters-row">
        <input className="search-input" type="search" placeholder="Search the message, name, e-mail or page" value={text}
          onChange={(e) => setText(e.target.value)} aria-label="Search feedback" data-testid="feedback-search" />
        <select aria-label="Project" value={project ?? ''} data-testid="feedback-project"
          onChange={(e) => navigate({ name: 'feedback', ...(e.target.value ? { project: Number(e.target.value) } : {}), ...(query ? { query } : {}) })}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      {list.error && <div className="error-box" role="alert">Could not load feedback: {list.error}</div>}
      <div className="feedback-layout">
        <div className="feedback-list" ref={listRef} data-testid="feedback-list" role="list">
          {list.loaded && list.items.length === 0 && !list.error && (
            <div className="empty" data-testid="feedback-empty">
              {query || project !== undefined ? <p>No feedback matches.</p>
                : <p>No user feedback yet. Add the feedback widget (<code className="mono">Sentry.feedbackIntegration()</code>) or call{' '}
                  <code className="mono">Sentry.captureFeedback({'{'} message {'}'})</code>.</p>}
            </div>
          )}
          {list.items.map((item) => (
            <div role="listitem" key={item.id}>
              <FeedbackRow item={item} projectName={names.get(item.projectId) ?? null} open={item.id === openId} focused={item.id === focusedId}
                href={feedbackHref(filters, item.id)} onFocus={setFocusedId} />
            </div>
          ))}
          {list.nextCursor && <button type="button" className="btn" onClick={() => void list.loadMore()} data-testid="feedback-more">Load more</button>}
        </div>
        <div className="feedback-pane">
          {open ? <FeedbackDetail key={open.id} item={open} projectName={names.get(open.projectId) ?? null} onChange={changed} />
            : <p className="muted empty" data-testid="feedback-pane-empty">
              {missing ? 'No such feedback: it was deleted.' : openId !== undefined ? 'Loading…' : 'Pick a feedback to read it (j / k, then Enter).'}</p>}
        </div>
      </div>
    </div>
  );
}
