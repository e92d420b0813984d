import { useState } from 'react';
import { copyText } from './clipboard';

/** A small "Copy" button that confirms with "Copied". */
export function CopyButton({ text, label = 'Copy', testId, tabIndex }: { text: string; label?: string; testId?: string; tabIndex?: number }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = async (e: React.MouseEvent): Promise<void> => {
    e.stopPropagation();
    const ok = await copyText(text);
    setState(ok ? 'copied' : 'failed');
    window.setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="btn btn-small btn-ghost copy-btn" onClick={onClick} data-testid={testId} title="Copy to clipboard"
      tabIndex={tabIndex}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
