import './masked-value.css';

/**
 * The "show"/"hide" button beside a value masked on screen as a bug report would filter it
 * (`shared/screen-mask.ts`): the data is the user's own, on their own machine.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
export function MaskToggle({ shown, onToggle }: { shown: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="link-btn v-masked-toggle" aria-pressed={shown} data-testid="masked-toggle" onClick={onToggle}>
      {shown ? 'hide' : 'show'}
    </button>
  );
}
