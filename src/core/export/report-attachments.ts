/**
 * The attachments a report shows: the featured event's, those tied to no event, and the screenshots
 * of the feedback it quotes (the widget sends its screenshot as an attachment of the feedback event).
 * Small UTF-8 text and JSON attachments (a log file, a state dump) are shown as text, scrubbed like the
 * rest of the report; raster images are recognised by their bytes for the HTML report to inline.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#attachment
 * @see https://docs.sentry.io/platforms/javascript/user-feedback/configuration/#screenshots
 */
import { isUtf8 } from 'node:buffer';
import type { ReportInput } from './report-input';
import { scrubTextWith, scrubValueWith, type ScrubContext } from './scrub';

/** Text attachments up to this size are quoted in the report; larger ones are listed only. */
export const TEXT_ATTACHMENT_MAX = 16 * 1024;

export interface AttachmentView {
  filename: string;
  contentType: string;
  size: number;
  truncated: boolean;
  /** MIME type read from the bytes themselves, for raster images only (never SVG). */
  imageMime: string | null;
  data: Buffer | null;
  /** The attachment's text, scrubbed, when it is small UTF-8 text or JSON; else null. */
  text: string | null;
  /** Set for the screenshot of a quoted feedback: who sent that feedback (or "a user"). */
  feedbackOf?: string;
}

/** Attachments of the featured event, of no event, and of the quoted feedback events, in that order. */
export function attachmentViews(input: ReportInput, eventId: string | null, ctx: ScrubContext | null): AttachmentView[] {
  const feedbackBy = new Map<string, string>();
  for (const f of [...(input.feedback?.items ?? []), ...(input.relatedFeedback?.items ?? [])]) {
    if (f.feedbackEventId !== null) feedbackBy.set(f.feedbackEventId, f.name ?? 'a user');
  }
  return input.attachments
    .filter((a) => a.info.eventId === null || a.info.eventId === eventId || feedbackBy.has(a.info.eventId))
    .map((a, i) => {
      const path = `attachments[${i}]`;
      const from = a.info.eventId !== null && a.info.eventId !== eventId ? feedbackBy.get(a.info.eventId) : undefined;
      const imageType = a.data ? imageMime(a.data) : null;
      return {
        filename: ctx ? scrubTextWith(a.info.filename, ctx, `${path}.filename`) : a.info.filename,
        contentType: a.info.contentType,
        size: a.info.size,
        truncated: a.info.truncated,
        imageMime: imageType,
        data: a.data,
        text: imageType === null && a.data ? attachmentText(a.data, ctx, `${path}.data`) : null,
        ...(from === undefined ? {} : { feedbackOf: ctx ? scrubTextWith(from, ctx, `${path}.feedback`) : from }),
      };
    });
}

/** Small UTF-8 text as it would be read; JSON pretty-printed after its values were scrubbed; null for anything else. */
function attachmentText(data: Buffer, ctx: ScrubContext | null, path: string): string | null {
  if (data.length === 0 || data.length > TEXT_ATTACHMENT_MAX || data.includes(0) || !isUtf8(data)) return null;
  const text = data.toString('utf8');
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      const value = JSON.parse(text) as unknown;
      return JSON.stringify(ctx ? scrubValueWith(value, ctx, path) : value, null, 2);
    } catch {
      // Not JSON after all (JSON lines, a log that starts with a bracket): quoted as text.
    }
  }
  return ctx ? scrubTextWith(text, ctx, path) : text;
}

/** Raster image types recognised by their magic bytes; the declared content type is not trusted. */
export function imageMime(data: Buffer): string | null {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && data.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}
