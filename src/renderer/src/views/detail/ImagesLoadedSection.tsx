import { useDeferredValue, useMemo, useState } from 'react';
import type { SentryEvent } from '../../../../shared/sentry';
import { Section } from '../../components/Section';
import { debugImagesOf, formatAddress, frameAddresses, referencedImages, type DebugImage } from '../../lib/debug-images';
import { Toggle } from './ExceptionsSection';

const FOUR_GIB = 0x1_0000_0000n;

function matches(img: DebugImage, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return true;
  const at = /^0x[0-9a-f]+$/.test(t) ? BigInt(t) : null;
  if (at !== null && img.start !== null && img.end !== null) return at >= img.start && at < img.end;
  return [img.path, img.debugId ?? '', img.codeId ?? '', img.arch ?? ''].some((v) => v.toLowerCase().includes(t));
}

/**
 * Sentry's "Images Loaded": the executables and libraries a native crash lists, those its stack
 * points into first. Lookout has no symbol server, so this is what tells a developer which build
 * of which library crashed (its debug id is what symbol files are looked up by).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 */
export function ImagesLoadedSection({ event }: { event: SentryEvent }) {
  const images = useMemo(() => debugImagesOf(event), [event]);
  const referenced = useMemo(() => referencedImages(images, frameAddresses(event)), [images, event]);
  const [all, setAll] = useState(false);
  const [text, setText] = useState('');
  const filter = useDeferredValue(text);
  if (images.length === 0) return null;
  const showAll = all || referenced.length === 0 || filter.trim() !== '';
  const shown = (showAll ? images : referenced).filter((img) => matches(img, filter));
  const wide = images.some((img) => img.end !== null && img.end > FOUR_GIB);
  const actions = (
    <div className="button-group">
      <input type="search" className="field-input" placeholder="Filter images" value={text}
        onChange={(e) => setText(e.target.value)} aria-label="Filter images" data-testid="images-filter" />
      {referenced.length > 0 && <Toggle on={all} label={`All ${images.length.toLocaleString()}`} onClick={() => setAll(!all)} testId="images-all" />}
    </div>
  );
  const title = referenced.length > 0 && !showAll
    ? `Images loaded (${referenced.length.toLocaleString()} in the stack of ${images.length.toLocaleString()})`
    : `Images loaded (${images.length.toLocaleString()})`;
  return (
    <Section title={title} actions={actions} testId="images-loaded" id="images" defaultOpen={referenced.length > 0}>
      {shown.length === 0 ? <p className="muted small">No image matches.</p> : (
        <table className="kv-table images-table" data-testid="images-table">
          <thead><tr><th>Image</th><th>Address range</th><th>Debug ID</th><th>Arch</th></tr></thead>
          <tbody>
            {shown.map((img, i) => (
              <tr key={i} data-testid="image-row">
                <td title={img.path}><span className="mono">{img.name}</span>{img.type && <span className="muted small"> · {img.type}</span>}</td>
                <td className="mono small">
                  {img.start === null ? '—' : formatAddress(img.start, wide)}
                  {img.end !== null && <> – {formatAddress(img.end - 1n, wide)}</>}
                </td>
                <td className="mono small" title={img.codeId ? `code id ${img.codeId}` : undefined}>{img.debugId ?? '—'}</td>
                <td className="small">{img.arch ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
