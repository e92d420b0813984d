import { useState } from 'react';
import { copyText } from './clipboard';

/**
 * A small "Copy" button that confirms with "Copied". `name` says what it copies to a screen
 * reader ("Copy DSN of shop-api"), starting with the visible word so voice control finds it too;
 * "Copied" is said as it shows.
 * @see https://www.w3.org/WAI/WCAG22/Understanding/label-in-name.html
 */
export function CopyButton({ text, label = 'Copy', name, testId, tabIndex }: {
  text: string; label?: string; name?: string; testId?: string; tabIndex?: number;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = async (e: React.MouseEvent): Promise<void> => {
    e.stopPropagation();
    const ok = await copyText(text);
    setState(ok ? 'copied' : 'failed');
    window.setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="btn btn-small btn-ghost copy-btn" onClick={onClick} data-testid={testId} title="Copy to clipboard"
      aria-label={state === 'idle' ? name : undefined} tabIndex={tabIndex}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
