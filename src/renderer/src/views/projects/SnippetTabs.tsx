import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { CopyButton } from '../../components/CopyButton';
import type { Snippet } from './snippets';

/**
 * The SDK snippets as WAI-ARIA tabs: the tab list is one Tab stop (the selected tab), ←/→ move
 * between tabs and select them, Home/End go to the first and last; the panel holds the install
 * step and the code, each with its Copy.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 */
export function SnippetTabs({ all, onSelect }: { all: Snippet[]; onSelect?: (snippet: Snippet) => void }) {
  const [tab, setTab] = useState(all[0]?.id ?? 'browser');
  const current = all.find((s) => s.id === tab) ?? all[0];
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const base = useId();
  const select = (s: Snippet, focus: boolean): void => {
    setTab(s.id);
    onSelect?.(s);
    if (focus) tabs.current.get(s.id)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    const at = all.findIndex((s) => s.id === current?.id);
    const to = e.key === 'ArrowRight' ? (at + 1) % all.length : e.key === 'ArrowLeft' ? (at - 1 + all.length) % all.length
      : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : -1;
    const next = all[to];
    if (!next) return;
    e.preventDefault();
    select(next, true);
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label="SDK" onKeyDown={onKeyDown}>
        {all.map((s) => (
          <button key={s.id} type="button" role="tab" id={`${base}-tab-${s.id}`} aria-controls={`${base}-panel`}
            aria-selected={s.id === current?.id} tabIndex={s.id === current?.id ? 0 : -1} className={s.id === current?.id ? 'active' : ''}
            ref={(el) => { if (el) tabs.current.set(s.id, el); else tabs.current.delete(s.id); }}
            onClick={() => select(s, false)} data-testid={`snippet-tab-${s.id}`}>{s.label}</button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current.id}`} data-testid="snippet-panel">
          {current.install && (
            <div className="code-block" data-testid="snippet-install-block">
              <div className="code-block-actions"><CopyButton text={current.install} testId="copy-install" /></div>
              <pre className="mono" data-testid="snippet-install">{current.install}</pre>
            </div>
          )}
          <div className="code-block">
            <div className="code-block-actions"><CopyButton text={current.code} testId="copy-snippet" /></div>
            <pre className="mono" data-testid="snippet-code">{current.code}</pre>
          </div>
        </div>
      )}
    </>
  );
}
