import { useMemo } from 'react';
import type { NativeImage } from '../../../../shared/native-images';
import type { SentryFrame } from '../../../../shared/sentry';
import { unsymbolicatedImages } from '../../lib/stacktrace';

/**
 * Above a native stack with `<unknown>` frames: why they have no name, once per image (Sentry marks
 * such frames "Missing debug file" or "Unknown image"). Lookout reads no native debug files, so the
 * image, its debug id and the offset shown on each frame are what `addr2line` / `atos` need.
 * @see https://docs.sentry.io/platforms/native/data-management/debug-files/
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/nativeFrame.tsx
 */
export function UnsymbolicatedNote({ frames, images }: { frames: readonly SentryFrame[]; images: readonly NativeImage[] }) {
  const missing = useMemo(() => unsymbolicatedImages(frames, images), [frames, images]);
  if (missing.length === 0) return null;
  const count = (n: number): string => (n === 1 ? '1 frame' : `${n} frames`);
  return (
    <div className="frame-note-warn unsymbolicated-note" data-testid="unsymbolicated-note" role="note">
      {missing.map((m) => (
        <p key={m.image} className="small" data-testid="unsymbolicated-image">
          {m.image === ''
            ? <><strong>Unknown image</strong>: {count(m.frames)} at addresses no image in the event&apos;s debug images holds.</>
            : <><strong>{`No debug file for ${m.image}`}</strong>{m.debugId !== null && <> (debug id <span className="mono">{m.debugId}</span>)</>}
              : {count(m.frames)} without a symbol.</>}
        </p>
      ))}
      <p className="small muted">
        Lookout does not symbolicate native code: look the offsets up with the image&apos;s debug file of that debug id
        (<span className="mono">addr2line -f -e libX.so.debug 0xOFFSET</span>, <span className="mono">atos -o X.dSYM -l LOAD_ADDRESS ADDRESS</span>).
      </p>
    </div>
  );
}
