import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ProfileFrameInfo, ProfileNode, ProfileThread } from '../../../../shared/api-profile';
import { ancestorsOf, formatMs, layoutFlame } from '../../lib/flame-layout';

const ROW_PX = 20;
/** Boxes under 0.2% of the zoomed width are not drawn (nor focusable); zoom in to see them. */
const MIN_WIDTH = 0.002;

/** Where a frame is: `file:line`, else its module. */
export function whereOf(f: ProfileFrameInfo | undefined): string {
  if (!f) return '';
  if (f.file) return f.line !== null ? `${f.file}:${f.line}` : f.file;
  return f.module ?? '';
}

/** What the SDK sent for a frame a source map resolved (`minified Wu at …/app.js:17`), else ''. */
export function minifiedOf(f: ProfileFrameInfo | undefined): string {
  const m = f?.minified;
  if (!m) return '';
  const where = m.file ? ` at ${m.line !== null ? `${m.file}:${m.line}` : m.file}` : '';
  return `minified ${m.name}${where}`;
}

/** A stable colour slot per module/file, so one library reads as one colour. */
function colourOf(f: ProfileFrameInfo | undefined): string {
  if (!f) return 'flame-root';
  const key = f.module ?? f.file ?? f.name;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return `flame-c${Math.abs(h) % 6}${f.inApp === false ? ' flame-lib' : ''}`;
}

function labelOf(frames: readonly ProfileFrameInfo[], n: ProfileNode, threadName: string): string {
  return n.frame < 0 ? threadName : frames[n.frame]?.name ?? '(unknown)';
}

function NodeFacts({ frames, thread, node, threadName }: { frames: readonly ProfileFrameInfo[]; thread: ProfileThread; node: number; threadName: string }) {
  const n = thread.nodes[node];
  if (!n) return null;
  const f = n.frame >= 0 ? frames[n.frame] : undefined;
  const share = thread.durationMs > 0 ? (100 * n.totalMs) / thread.durationMs : 0;
  return (
    <div className="flame-facts" data-testid="flame-facts" aria-live="polite">
      <strong className="mono ellipsis" data-testid="flame-facts-name">{labelOf(frames, n, threadName)}</strong>
      {f && <span className="muted mono small ellipsis">{whereOf(f)}{f.module && f.file ? ` · ${f.module}` : ''}</span>}
      {f?.minified && <span className="muted mono small ellipsis" data-testid="flame-facts-minified">{minifiedOf(f)}</span>}
      <span>total <b data-testid="flame-facts-total">{formatMs(n.totalMs)}</b> ({share.toFixed(1)}%)</span>
      <span>self <b data-testid="flame-facts-self">{formatMs(n.selfMs)}</b></span>
      <span className="muted">{n.totalSamples.toLocaleString()} samples</span>
    </div>
  );
}

/**
 * An icicle flame graph of one thread's call tree (root on top), drawn as positioned buttons:
 * event data is only ever React text. Hover or focus shows a node's times; click or Enter zooms
 * into it; Escape (or the path above) zooms back out.
 */
export function FlameGraph({ frames, thread }: { frames: readonly ProfileFrameInfo[]; thread: ProfileThread }) {
  const [zoom, setZoom] = useState(0);
  const [hover, setHover] = useState<number | null>(null);
  const { rects, hidden } = useMemo(() => layoutFlame(thread.nodes, zoom, MIN_WIDTH), [thread, zoom]);
  const path = useMemo(() => ancestorsOf(thread.nodes, zoom), [thread, zoom]);
  const rows = rects.reduce((m, r) => Math.max(m, r.row + 1), 1);
  const threadName = thread.name ? `${thread.name} (thread ${thread.id})` : `thread ${thread.id}`;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && zoom !== 0) { e.stopPropagation(); setZoom(thread.nodes[zoom]?.parent ?? 0); }
  };
  return (
    <section className="flame" aria-label="Flame graph" data-testid="flame-graph" onKeyDown={onKeyDown}>
      <nav className="flame-path small" aria-label="Zoom path">
        {path.map((i, k) => (
          <span key={i}>
            {k > 0 && <span className="muted" aria-hidden="true"> › </span>}
            <button type="button" className="link-btn" onClick={() => setZoom(i)} aria-current={i === zoom ? 'true' : undefined}
              data-testid="flame-path-item">{labelOf(frames, thread.nodes[i]!, threadName)}</button>
          </span>
        ))}
      </nav>
      <NodeFacts frames={frames} thread={thread} node={hover ?? zoom} threadName={threadName} />
      <div className="flame-canvas" style={{ height: rows * ROW_PX }} onMouseLeave={() => setHover(null)}>
        {rects.map((r) => {
          const n = thread.nodes[r.node]!;
          const f = n.frame >= 0 ? frames[n.frame] : undefined;
          const name = labelOf(frames, n, threadName);
          return (
            <button key={r.node} type="button" className={`flame-box ${colourOf(f)}`} data-testid="flame-box" data-node={r.node}
              style={{ left: `${r.x * 100}%`, width: `${r.w * 100}%`, top: r.row * ROW_PX, height: ROW_PX - 1 }}
              aria-label={`${name}, ${formatMs(n.totalMs)} total, ${formatMs(n.selfMs)} self`} title={[name, whereOf(f), minifiedOf(f)].filter(Boolean).join('\n')}
              onMouseEnter={() => setHover(r.node)} onFocus={() => setHover(r.node)} onBlur={() => setHover(null)}
              onClick={() => setZoom(r.node)}>
              <span className="flame-label">{name}</span>
            </button>
          );
        })}
      </div>
      {hidden > 0 && <p className="muted small" data-testid="flame-hidden">{hidden.toLocaleString()} narrower boxes are not drawn: zoom in to see them.</p>}
      {thread.nodesTruncated && <p className="muted small">The call tree was cut at its node limit; deeper paths are folded into their callers.</p>}
    </section>
  );
}
