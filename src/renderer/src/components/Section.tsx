import { useState, type ReactNode } from 'react';

interface Props {
  title: ReactNode;
  id?: string;
  actions?: ReactNode;
  defaultOpen?: boolean;
  testId?: string;
  children: ReactNode;
}

/** A titled, collapsible block of the event detail. */
export function Section({ title, id, actions, defaultOpen = true, testId, children }: Props) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section className="section" id={id} data-testid={testId}>
      <header className="section-head">
        <button type="button" className="section-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          <span className="chevron">{open ? '▾' : '▸'}</span>
          <h3>{title}</h3>
        </button>
        {open && actions && <div className="section-actions">{actions}</div>}
      </header>
      {open && <div className="section-body">{children}</div>}
    </section>
  );
}
