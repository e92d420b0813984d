import { useMemo, useState } from 'react';
import type { SentryFrame } from '../../../../shared/sentry';
import type { NativeImage } from '../../../../shared/native-images';
import { debugImagesOf } from '../../lib/debug-images';
import { frameBlocks, rawStackText, type FrameBlock } from '../../lib/stacktrace';
import { useStore } from '../../store';
import { TruncatedText } from '../../components/TruncatedText';
import { FrameRow } from './FrameRow';
import { useFrameEvent } from './frame-event';
import { UnmappedSummary } from './UnmappedSummary';
import { UnsymbolicatedNote } from './UnsymbolicatedNote';

const BLOCKS_PER_STEP = 150;

interface Props {
  frames: SentryFrame[];
  full: boolean;
  raw: boolean;
  /** First line of the raw text view ("TypeError: x"). */
  title: string;
  /**
   * Open the innermost in-app frame (else the innermost frame) with its context: Sentry does so for
   * the crashing exception only (`expandFirstFrame`), the causes stay folded.
   * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/crashContent/exception/content.tsx
   */
  expandFirst?: boolean;
}

/** Newest frame first; library runs folded; at most a few hundred blocks rendered until asked. */
export function StackTraceView({ frames, full, raw, title, expandFirst = true }: Props) {
  const [limit, setLimit] = useState(BLOCKS_PER_STEP);
  const { platform } = useFrameEvent();
  const blocks = useMemo(() => frameBlocks(frames, full), [frames, full]);
  // The shown event's `debug_meta` images: where a native frame that names no image lies.
  const payload = useStore((st) => st.event?.payload);
  const images = useMemo(() => (payload ? debugImagesOf(payload) : []), [payload]);
  if (frames.length === 0) return <p className="muted small">No stack trace.</p>;
  if (raw) return <TruncatedText pre className="raw-stack mono" text={rawStackText(title, frames, undefined, platform, images)} limit={20_000} testId="raw-stack" />;
  const firstAppIndex = blocks.findIndex((b) => b.kind === 'frame' && b.entry.frame.in_app === true);
  const openIndex = !expandFirst ? -1 : firstAppIndex >= 0 ? firstAppIndex : 0;
  return (
    <>
      <UnmappedSummary frames={frames} />
      <UnsymbolicatedNote frames={frames} images={images} />
      <ol className="frames" data-testid="stacktrace">
        {blocks.slice(0, limit).map((b, i) => (
          <Block key={b.kind === 'frame' ? b.entry.index : `f${b.entries[0]?.index}`} block={b} open={i === openIndex} images={images} />
        ))}
      </ol>
      {blocks.length > limit && (
        <button type="button" className="link-btn" onClick={() => setLimit(limit + BLOCKS_PER_STEP * 4)}>
          Show more frames ({(blocks.length - limit).toLocaleString()} rows hidden)
        </button>
      )}
    </>
  );
}

function Block({ block, open, images }: { block: FrameBlock; open: boolean; images: readonly NativeImage[] }) {
  const [expanded, setExpanded] = useState(false);
  if (block.kind === 'frame') return <FrameRow frame={block.entry.frame} defaultOpen={open} images={images} />;
  if (expanded) {
    return (
      <li className="folded-open">
        <ol className="frames">
          {block.entries.slice(0, 5000).map((e) => <FrameRow key={e.index} frame={e.frame} defaultOpen={false} images={images} />)}
        </ol>
        <button type="button" className="link-btn" onClick={() => setExpanded(false)}>Hide {block.entries.length} library frames</button>
      </li>
    );
  }
  return (
    <li className="folded">
      <button type="button" className="folded-btn" onClick={() => setExpanded(true)} data-testid="folded-frames">
        Show {block.entries.length.toLocaleString()} library frames
      </button>
    </li>
  );
}
