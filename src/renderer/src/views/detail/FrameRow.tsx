import { useState } from 'react';
import type { SentryFrame } from '../../../../shared/sentry';
import { framePlace, type NativeImage } from '../../../../shared/native-images';
import { KeyValueTable, rowsOf } from '../../components/KeyValueTable';
import { frameLine } from '../../../../shared/frame-label';
import { frameVarText } from '../../../../shared/frame-vars';
import { foundByStackScanning, functionName, openablePath } from '../../lib/stacktrace';
import { mappedFileLabel } from './mapped-file-label';
import { canLoadSource, FrameSource } from './FrameSource';
import { useFrameEvent } from './frame-event';
import { UnmappedFrameNote } from './UnmappedFrameNote';
import { openFrame, openTitle, useEditorStatus } from './open-in-editor';
import './frame-row.css';

function hasDetails(frame: SentryFrame): boolean {
  return typeof frame.context_line === 'string' || Array.isArray(frame.pre_context)
    || (typeof frame.vars === 'object' && frame.vars !== null && Object.keys(frame.vars).length > 0);
}

const NO_IMAGES: readonly NativeImage[] = [];

/**
 * One frame: function, file:line:col (click opens the editor), context and variables. A native
 * frame shows its image and offset (`libshop.so +0xbc39`), found in `images` by address when the
 * frame names no image. The toggle is its own button, the file button sits beside it, not inside.
 */
export function FrameRow({ frame, defaultOpen, images = NO_IMAGES }: { frame: SentryFrame; defaultOpen: boolean; images?: readonly NativeImage[] }) {
  const { eventId, platform } = useFrameEvent();
  const expandable = hasDetails(frame) || canLoadSource(frame);
  // Null until the user toggles it: the crashing frame opens once its context arrives (a frame
  // mapped at view time has none on the first render), as Sentry shows it open.
  const [toggled, setToggled] = useState<boolean | null>(null);
  const open = (toggled ?? defaultOpen) && expandable;
  const inApp = frame.in_app === true;
  const line = frameLine(frame.lineno);
  const col = typeof frame.colno === 'number' ? frame.colno : null;
  const hasPath = openablePath(frame) !== null;
  const editor = useEditorStatus();
  // Python sends reprs: shown as Python prints them, not JSON-quoted (`shared/frame-vars.ts`).
  const vars = rowsOf(frame.vars).map(([k, v]): [string, unknown] => [k, platform === 'python' || frame.platform === 'python' ? frameVarText(v, 'python') : v]);
  // The image path is shown once: as the label of a native frame that has nothing else.
  const named = [frame.filename, frame.abs_path, frame.module].some((v) => typeof v === 'string' && v !== '');
  const pkg = typeof frame.package === 'string' && named ? frame.package : null;
  const addr = typeof frame.instruction_addr === 'string' && frame.instruction_addr ? frame.instruction_addr : null;
  const place = framePlace(frame, images);
  // A frame with no file, module or image name is labelled by the image its address lies in.
  // Sentry's "Unknown image": an address that no listed image holds.
  const label = named || typeof frame.package === 'string' && frame.package ? mappedFileLabel(frame, platform)
    : place?.image ?? (addr ? 'unknown image' : mappedFileLabel(frame, platform));
  const imagePath = place?.debugImage?.path ?? (typeof frame.package === 'string' ? frame.package : undefined);
  const offset = place && <span className="muted small mono" data-testid="frame-offset" title="Offset in its image">{place.offset}</span>;
  const fn = functionName(frame);
  return (
    <li className={`frame ${inApp ? 'in-app' : 'library'}${open ? ' is-open' : ''}`} data-testid="frame" data-in-app={inApp ? 'true' : 'false'}>
      {/* A click anywhere on the row toggles it for the mouse; the keyboard uses the toggle button. */}
      <div className={`frame-head${expandable ? ' is-expandable' : ''}`} onClick={() => expandable && setToggled(!open)}>
        {expandable
          ? <button type="button" className="frame-toggle" aria-expanded={open} aria-label={`Source of ${fn}`} data-testid="frame-toggle"
            onClick={(e) => { e.stopPropagation(); setToggled(!open); }}>{open ? '▾' : '▸'}</button>
          : <span className="frame-toggle" aria-hidden="true" />}
        {/* aria-disabled without an editor: a click still explains why nothing opens. */}
        <button type="button" className="frame-file mono" disabled={!hasPath} aria-disabled={editor?.available === false || undefined} data-testid="frame-file"
          title={openTitle(hasPath, editor)} onClick={(e) => { e.stopPropagation(); void openFrame(frame, eventId, editor); }}>
          {label}{line !== null && <span className="frame-pos">:{line}{col !== null ? `:${col}` : ''}</span>}
        </button>
        {/* Unnamed native frames read as `libshop.so +0xbc39`, Sentry's image-relative address. */}
        {!named && offset}
        <span className="muted small">in</span>
        <span className="frame-fn mono" data-testid="frame-function">{fn}</span>
        {pkg && <span className="muted small ellipsis" title={pkg}>{pkg}</span>}
        {addr && <span className="muted small mono" data-testid="frame-addr" title={imagePath}>{addr}</span>}
        {named && offset}
        {foundByStackScanning(frame) && (
          <span className="muted small" data-testid="frame-scanned" title="Found by stack scanning: a return address read off the stack, which may be stale">scanned</span>
        )}
        <span className={`frame-tag ${inApp ? 'tag-app' : 'tag-lib'}`}>{inApp ? 'In App' : 'Library'}</span>
      </div>
      <UnmappedFrameNote frame={frame} />
      {open && (
        <div className="frame-body">
          <FrameSource frame={frame} />
          {vars.length > 0 && (
            <div className="frame-vars" data-testid="frame-vars">
              <div className="frame-vars-title">Local variables</div>
              <KeyValueTable rows={vars} />
            </div>
          )}
        </div>
      )}
    </li>
  );
}
