import { useMemo, useState } from 'react';
import { hasAnsi, parseAnsi, stripAnsi } from '../../../shared/ansi';
import { AnsiSegments, firstChars } from './AnsiText';
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
  /**
   * Text a program printed to a terminal (logs, console breadcrumbs, messages): its ANSI colours
   * are shown and its escape sequences hidden; lengths count visible characters.
   */
  ansi?: boolean;
}

/** Long text cut with "show more"; huge text capped with a download for the full value. */
export function TruncatedText({ text, limit = 400, className, pre, testId, ansi }: Props) {
  const [shown, setShown] = useState(limit);
  const segments = useMemo(() => (ansi && text.length <= RENDER_CAP && hasAnsi(text) ? parseAnsi(text) : null), [ansi, text]);
  const plain = useMemo(() => (ansi ? stripAnsi(text) : text), [ansi, text]);
  const cut = plain.length > shown;
  const canGrow = cut && shown < RENDER_CAP;
  const Tag = pre ? 'pre' : 'span';
  return (
    <Tag className={['truncated', className].filter(Boolean).join(' ')} data-testid={testId}>
      {segments ? <AnsiSegments segments={cut ? firstChars(segments, shown) : segments} /> : cut ? plain.slice(0, shown) : plain}
      {cut && <span className="truncated-ellipsis">…</span>}
      {canGrow && (
        <button type="button" className="link-btn show-more" onClick={() => setShown(Math.min(RENDER_CAP, Math.max(shown * 8, 4000)))}>
          show more ({(plain.length - shown).toLocaleString()} more characters)
        </button>
      )}
      {cut && !canGrow && (
        <button type="button" className="link-btn show-more" onClick={() => downloadBlob(new Blob([plain], { type: 'text/plain' }), 'value.txt')}>
          download full value ({plain.length.toLocaleString()} characters)
        </button>
      )}
    </Tag>
  );
}
