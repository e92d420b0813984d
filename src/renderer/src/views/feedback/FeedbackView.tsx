import { useCallback, useEffect, useRef, useState } from 'react';
import type { FeedbackChange, FeedbackListItem, FeedbackStatus } from '../../../../shared/api-feedback';
import { navigate } from '../../routing/navigation';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { FeedbackBulkBar } from './FeedbackBulkBar';
import { FeedbackDetail } from './FeedbackDetail';
import { FeedbackRow, feedbackHref, feedbackSender, type FeedbackFilters } from './FeedbackRow';
import { MAILBOXES, useFeedbackChange } from './feedback-actions';
import { setFeedbackKeys } from './feedback-keys';
import { useFeedbackList } from './use-feedback-list';
import { useOpenFeedback } from './use-open-feedback';
import './feedback-page.css';

const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  /** The mailbox shown: the Inbox unless Resolved or Spam (`ignored`). */
  mailbox?: 'resolved' | 'ignored';
  project?: number;
  query?: string;
  /** The feedback open in the detail pane (a row id from the URL). */
  openId?: number;
}

const filtersOf = (mailbox: Props['mailbox'], project: number | undefined, query: string): FeedbackFilters =>
  ({ ...(mailbox ? { mailbox } : {}), ...(project !== undefined ? { project } : {}), ...(query ? { query } : {}) });

/** The checked rows of a list, forgotten when the list's mailbox or filters change and pruned to the rows still shown. */
function useSelection(key: string, items: FeedbackListItem[]) {
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<number> }>({ key, ids: new Set() });
  const ids = selection.key === key ? selection.ids : new Set<number>();
  const shown = new Set(items.map((i) => i.id));
  const selected: ReadonlySet<number> = [...ids].every((id) => shown.has(id)) ? ids : new Set([...ids].filter((id) => shown.has(id)));
  const set = useCallback((next: ReadonlySet<number>) => setSelection({ key, ids: next }), [key]);
  return { selected, setSelected: set };
}

/**
 * `#/feedback`: Sentry's User Feedback page. Every feedback, about an error or not (the widget's
 * "Report a bug", `captureFeedback`, user reports), in Sentry's mailboxes (Inbox, Resolved, Spam),
 * newest first and live, searchable by text and by project, with the open one in a pane beside
 * the list; one or many are resolved, marked as spam or read, and every open window follows.
 * @see https://docs.sentry.io/product/user-feedback/
 */
export function FeedbackView({ mailbox, project, query = '', openId }: Props) {
  const status: FeedbackStatus = mailbox ?? 'unresolved';
  const list = useFeedbackList(status, project, query);
  const projects = useStore((s) => s.projects);
  const names = useProjectNames();
  const { open, missing, setOwn: setOwnOpen } = useOpenFeedback(openId, list.items);
  const [focusedId, setFocusedId] = useState<number | null>(openId ?? null);
  const [text, setText] = useState(query);
  const listRef = useRef<HTMLDivElement>(null);
  const filters = filtersOf(mailbox, project, query);
  const { selected, setSelected } = useSelection(`${status}|${project ?? ''}|${query}`, list.items);

  useEffect(() => setText(query), [query]);
  useEffect(() => {
    if (text.trim() === query) return;
    const t = window.setTimeout(() => navigate({ name: 'feedback', ...filtersOf(mailbox, project, text.trim()), id: openId }, { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, query, mailbox, project, openId]);
  useEffect(() => { if (openId !== undefined) setFocusedId(openId); }, [openId]);

  const { applyChanged } = list;
  const changed = useCallback((items: FeedbackListItem[]) => {
    applyChanged(items);
    for (const item of items) if (item.id === openId) setOwnOpen(item);
  }, [applyChanged, setOwnOpen, openId]);
  const change = useFeedbackChange(changed);
  const { removeDeleted } = list;
  const deleted = useCallback((ids: number[]) => {
    removeDeleted(ids);
    setSelected(new Set());
    if (openId !== undefined && ids.includes(openId)) navigate({ name: 'feedback', ...filters }, { replace: true });
  }, [removeDeleted, setSelected, openId, filters.mailbox, filters.project, filters.query]);
  const bulkChange = useCallback((ids: readonly number[], c: FeedbackChange) => {
    void change(ids, c).then((ok) => { if (ok && c.status !== undefined) setSelected(new Set()); });
  }, [change, setSelected]);

  // As the issue list: j/k move the keyboard's row, Enter opens it, r resolves the checked rows (else
  // the focused one), Esc clears the checks, else closes the pane.
  const { items } = list;
  useEffect(() => setFeedbackKeys((key) => {
    const at = items.findIndex((i) => i.id === focusedId);
    if (key === 'j' || key === 'k') {
      const next = items[Math.min(Math.max(at === -1 ? 0 : at + (key === 'j' ? 1 : -1), 0), items.length - 1)];
      if (!next) return false;
      setFocusedId(next.id);
      listRef.current?.querySelector(`[data-feedback-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
      return true;
    }
    if (key === 'Enter' && at !== -1) { navigate({ name: 'feedback', ...filters, id: focusedId ?? undefined }); return true; }
    if (key === 'r') {
      const ids = selected.size > 0 ? [...selected] : at !== -1 && focusedId !== null ? [focusedId] : [];
      if (ids.length === 0) return false;
      bulkChange(ids, { status: 'resolved' });
      return true;
    }
    if (key === 'Escape' && selected.size > 0) { setSelected(new Set()); return true; }
    if (key === 'Escape' && openId !== undefined) { navigate({ name: 'feedback', ...filters }); return true; }
    return false;
  }), [items, focusedId, openId, filters.mailbox, filters.project, filters.query, selected, setSelected, bulkChange]);

  const toggle = (id: number) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };

  return (
    <div className="view feedback-view" data-testid="feedback-view">
      <header className="view-head">
        <h1>User Feedback</h1>
        <span className="muted small" data-testid="feedback-count">
          {list.items.length.toLocaleString()}{list.nextCursor ? '+' : ''} shown · {list.unread.toLocaleString()} unread
        </span>
      </header>
      <div className="filters-row">
        <div className="segmented" role="group" aria-label="Mailbox" data-testid="feedback-mailboxes">
          {MAILBOXES.map((m) => (
            <button key={m.status} type="button" className={m.status === status ? 'active' : ''} aria-pressed={m.status === status}
              data-testid={`feedback-mailbox-${m.status}`}
              onClick={() => navigate({ name: 'feedback', ...filtersOf(m.status === 'unresolved' ? undefined : m.status, project, query) })}>
              {m.label} <span className="muted" data-testid="feedback-mailbox-count">{list.loaded ? list.counts[m.status].toLocaleString() : ''}</span>
            </button>
          ))}
        </div>
        <input className="search-input" type="search" placeholder="Search the message, name, e-mail or page" value={text}
          onChange={(e) => setText(e.target.value)} aria-label="Search feedback" data-testid="feedback-search" />
        <select aria-label="Project" value={project ?? ''} data-testid="feedback-project"
          onChange={(e) => navigate({ name: 'feedback', ...filtersOf(mailbox, e.target.value ? Number(e.target.value) : undefined, query) })}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      {list.error && <div className="error-box" role="alert">Could not load feedback: {list.error}</div>}
      <div className="feedback-layout">
        <div className="feedback-list" ref={listRef} data-testid="feedback-list">
          <FeedbackBulkBar mailbox={status} items={list.items} selected={selected} onChange={bulkChange} onDeleted={deleted}
            onSelectAll={(all) => setSelected(new Set(all ? list.items.map((i) => i.id) : []))} />
          {list.loaded && list.items.length === 0 && !list.error && (
            <div className="empty" data-testid="feedback-empty">
              {query || project !== undefined ? <p>No feedback matches.</p>
                : status === 'resolved' ? <p>No resolved feedback.</p>
                  : status === 'ignored' ? <p>No feedback marked as spam.</p>
                    : list.counts.resolved + list.counts.ignored > 0 ? <p>Inbox zero: every feedback is resolved or marked as spam.</p>
                      : <p>No user feedback yet. Add the feedback widget (<code className="mono">Sentry.feedbackIntegration()</code>) or call{' '}
                        <code className="mono">Sentry.captureFeedback({'{'} message {'}'})</code>.</p>}
            </div>
          )}
          <div role="list">
            {list.items.map((item) => (
              <div role="listitem" key={item.id} className="feedback-item">
                <label className="feedback-check">
                  <input type="checkbox" checked={selected.has(item.id)} onChange={() => toggle(item.id)} data-testid="feedback-check"
                    aria-label={`Select the feedback of ${feedbackSender(item)}`} />
                </label>
                <FeedbackRow item={item} projectName={names.get(item.projectId) ?? null} open={item.id === openId} focused={item.id === focusedId}
                  href={feedbackHref(filters, item.id)} onFocus={setFocusedId} />
              </div>
            ))}
          </div>
          {list.nextCursor && <button type="button" className="btn" onClick={() => void list.loadMore()} data-testid="feedback-more">Load more</button>}
        </div>
        <div className="feedback-pane">
          {open ? <FeedbackDetail key={open.id} item={open} projectName={names.get(open.projectId) ?? null} onChange={changed} onDeleted={deleted} />
            : <p className="muted empty" data-testid="feedback-pane-empty">
              {missing ? 'No such feedback: it was deleted.' : openId !== undefined ? 'Loading…' : 'Pick a feedback to read it (j / k, then Enter).'}</p>}
        </div>
      </div>
    </div>
  );
}
