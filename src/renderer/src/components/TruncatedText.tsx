import { useMemo, useState } from 'react';
import { hasAnsi, parseAnsi, stripAnsi } from '../../../shared/ansi';
import { revealFormatChars } from '../../../shared/format-chars';
import { maskedText } from '../../../shared/screen-mask';
import { AnsiSegments, firstChars } from './AnsiText';
import { downloadBlob } from './download';
import { MaskToggle } from './MaskToggle';
import './event-text.css';

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
  /**
   * Event text: its secret parts (a URL's password, `Bearer …`, `token=…`) are masked as the bug
   * report scrubs them (`shared/screen-mask.ts`), with a "show" toggle.
   */
  mask?: boolean;
  /** One-line event text (an exception's type and value): bidi controls shown as `<U+202E>` (`shared/format-chars.ts`). */
  reveal?: boolean;
}

/**
 * Long text cut with "show more"; huge text capped with a download for the full value. The text is
 * isolated from its neighbours (`event-text.css`), so right-to-left text or a bidi control in it
 * cannot reorder what is around it.
 */
export function TruncatedText(props: Props) {
  const { text, mask, reveal } = props;
  const masked = useMemo(() => (mask ? maskedText(text) : null), [mask, text]);
  const [shown, setShown] = useState(false);
  const display = masked !== null && !shown ? masked : text;
  const body = <TextBody {...props} text={reveal ? revealFormatChars(display) : display} />;
  if (masked === null) return body;
  const Wrap = props.pre ? 'div' : 'span';
  return (
    <Wrap className="v-masked" data-testid="masked-value" data-shown={shown} title={shown ? undefined : 'Parts hidden as a bug report would filter them'}>
      {body}
      <MaskToggle shown={shown} onToggle={() => setShown(!shown)} />
    </Wrap>
  );
}

function TextBody({ text, limit = 400, className, pre, testId, ansi }: Props) {
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
