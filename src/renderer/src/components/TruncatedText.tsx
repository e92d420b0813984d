import { useState } from 'react';
import { downloadBlob } from './download';

/** Beyond this many characters the value is only offered as a download, so the page stays responsive. */
const RENDER_CAP = 1_000_000;

interface Props {
  text: string;
  /** Characters shown before "show more". */
  limit?: number;
  className?: string;
  /** Render inside a <pre> (keeps whitespace, monospace). */
  pre?: boolean;
  testId?: string;
}

/** Long text cut with "show more"; huge text capped with a download for the full value. */
export function TruncatedText({ text, limit = 400, className, pre, testId }: Props) {
  const [shown, setShown] = useState(limit);
  const cut = text.length > shown;
  const visible = cut ? text.slice(0, shown) : text;
  const canGrow = cut && shown < RENDER_CAP;
  const Tag = pre ? 'pre' : 'span';
  return (
    <Tag className={['truncated', className].filter(Boolean).join(' ')} data-testid={testId}>
      {visible}
      {cut && <span className="truncated-ellipsis">…</span>}
      {canGrow && (
        <button type="button" className="link-btn show-more" onClick={() => setShown(Math.min(RENDER_CAP, Math.max(shown * 8, 4000)))}>
          show more ({(text.length - shown).toLocaleString()} more characters)
        </button>
      )}
      {cut && !canGrow && (
        <button type="button" className="link-btn show-more" onClick={() => downloadBlob(new Blob([text], { type: 'text/plain' }), 'value.txt')}>
          download full value ({text.length.toLocaleString()} characters)
        </button>
      )}
    </Tag>
  );
}
