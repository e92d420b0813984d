import { useMemo, useState } from 'react';
import { revealFormatChars } from '../../../shared/format-chars';
import { maskedText } from '../../../shared/screen-mask';
import { MaskToggle } from './MaskToggle';
import './event-text.css';

/**
 * One line of event text in a heading (an issue's title, an event's title, a culprit): in a `<bdi>`,
 * so its direction is its own and cannot reorder the page around it; bidi controls shown as
 * `<U+202E>` (a U+202E would draw `evil.exe` as `exe.live`); secret parts masked as the bug report
 * scrubs them, with a "show" toggle after the text.
 * @see https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-bdi-element
 */
export function EventLine({ text, testId }: { text: string; testId?: string }) {
  const masked = useMemo(() => maskedText(text), [text]);
  const [shown, setShown] = useState(false);
  const line = revealFormatChars(masked !== null && !shown ? masked : text);
  return (
    <>
      <bdi className="event-line" data-testid={testId} data-masked={masked !== null && !shown ? 'true' : undefined}>{line}</bdi>
      {masked !== null && <> <MaskToggle shown={shown} onToggle={() => setShown(!shown)} /></>}
    </>
  );
}
