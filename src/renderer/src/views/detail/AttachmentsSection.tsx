import { useEffect, useState } from 'react';
import type { AttachmentInfo } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { downloadBlob } from '../../components/download';
import { Section } from '../../components/Section';
import { TruncatedText } from '../../components/TruncatedText';
import { byteSize } from '../../lib/format';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';
import { ViewHierarchyPreview } from './ViewHierarchyPreview';

const TEXT_PREVIEW_BYTES = 256 * 1024;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|avif|bmp)$/i;
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-ndjson))|\+json$/i;

function kindOf(a: AttachmentInfo): 'image' | 'text' | 'binary' | 'view_hierarchy' {
  const type = typeof a.contentType === 'string' ? a.contentType : '';
  if (a.attachmentType === 'event.view_hierarchy') return 'view_hierarchy';
  if (IMAGE_TYPES.test(type) || /\.(png|jpe?g|gif|webp)$/i.test(a.filename)) return 'image';
  if (TEXT_TYPES.test(type) || /\.(txt|log|json|md|csv)$/i.test(a.filename)) return 'text';
  return 'binary';
}

/** Images are fetched as blobs (works with the strict CSP, also from a file:// page). */
function ImagePreview({ id, alt }: { id: number; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    api().attachment(id).then((blob) => {
      if (cancelled) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    }).catch((err: unknown) => !cancelled && setError(messageOf(err)));
    return () => { cancelled = true; if (objectUrl) URL.revokeObjectURL(objectUrl); };
  }, [id]);
  if (error) return <p className="error-text small">Could not load image: {error}</p>;
  return url ? <img className="attachment-image" src={url} alt={alt} data-testid="attachment-image" /> : <p className="muted small">Loading…</p>;
}

function TextPreview({ id }: { id: number }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    api().attachment(id)
      .then(async (blob) => {
        const head = await blob.slice(0, TEXT_PREVIEW_BYTES).text();
        if (!cancelled) setText(blob.size > TEXT_PREVIEW_BYTES ? `${head}\n… (${byteSize(blob.size)} in total, download for the rest)` : head);
      })
      .catch((err: unknown) => !cancelled && setText(`Could not load: ${messageOf(err)}`));
    return () => { cancelled = true; };
  }, [id]);
  return text === null ? <p className="muted small">Loading…</p> : <TruncatedText pre className="mono attachment-text" text={text} limit={20_000} testId="attachment-text" ansi />;
}

/** Event attachments: images previewed, text shown, everything downloadable. */
export function AttachmentsSection({ attachments }: { attachments: AttachmentInfo[] | undefined }) {
  const toast = useStore((s) => s.toast);
  const list = Array.isArray(attachments) ? attachments : [];
  if (list.length === 0) return null;
  const download = async (a: AttachmentInfo): Promise<void> => {
    try { downloadBlob(await api().attachment(a.id), a.filename || `attachment-${a.id}`); } catch (err) { toast('error', `Download failed: ${messageOf(err)}`); }
  };
  return (
    <Section title={`Attachments (${list.length})`} testId="attachments" id="attachments">
      {list.map((a) => {
        const kind = kindOf(a);
        return (
          <div className="attachment" key={a.id} data-testid="attachment">
            <div className="attachment-head">
              <strong className="ellipsis">{a.filename}</strong>
              <span className="muted small">{a.contentType} · {byteSize(a.size)}{a.truncated ? ' · truncated' : ''}</span>
              <button type="button" className="btn btn-small" onClick={() => void download(a)}>Download</button>
            </div>
            {kind === 'image' && <ImagePreview id={a.id} alt={a.filename} />}
            {kind === 'text' && <TextPreview id={a.id} />}
            {kind === 'view_hierarchy' && <ViewHierarchyPreview id={a.id} size={a.size} fallback={<TextPreview id={a.id} />} />}
          </div>
        );
      })}
    </Section>
  );
}
