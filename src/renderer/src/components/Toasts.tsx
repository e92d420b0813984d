import { useStore } from '../store';

/** Transient messages in the bottom-right corner. */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} data-testid={`toast-${t.kind}`}>
          <span>{t.text}</span>
          {t.action && (
            <button type="button" className="btn btn-small toast-action" data-testid="toast-action"
              onClick={() => { dismiss(t.id); t.action?.run(); }}>{t.action.label}</button>
          )}
          <button type="button" className="toast-close" onClick={() => dismiss(t.id)} aria-label="Dismiss">×</button>
        </div>
      ))}
    </div>
  );
}
