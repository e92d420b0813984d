import { useState, type ReactNode } from 'react';
import './section.css';

interface Props {
  title: ReactNode;
  id?: string;
  actions?: ReactNode;
  defaultOpen?: boolean;
  testId?: string;
  /** 2 for a section that comes before the event's own `h2` (under the page's `h1`), so no heading level is skipped. */
  level?: 2 | 3;
  children: ReactNode;
}

/** A titled, collapsible block of the event detail. */
export function Section({ title, id, actions, defaultOpen = true, testId, level = 3, children }: Props) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section className="section" id={id} data-testid={testId}>
      <header className="section-head">
        <button type="button" className="section-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          <span className="chevron">{open ? '▾' : '▸'}</span>
          {level === 2 ? <h2 className="section-title">{title}</h2> : <h3>{title}</h3>}
        </button>
        {open && actions && <div className="section-actions">{actions}</div>}
      </header>
      {open && <div className="section-body">{children}</div>}
    </section>
  );
}
