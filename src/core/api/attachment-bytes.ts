import type { DB } from '../store/db';
import { decodeBody } from '../store/body-dictionary';
import { MAX_ATTACHMENT_BYTES } from '../pipeline/prepare-items';
import { storedItemReader } from './stored-envelope';

/** An `attachments` row as far as its bytes go (see migration 011). */
export interface AttachmentSource { envelope_id: number; item_index: number | null; data: Buffer | null; data_codec: string | null; truncated: number }

/**
 * Returns a stored attachment's bytes: its own `data`, or item `item_index` of its envelope's
 * body (cut to Relay's limit when flagged `truncated`, as a row with its own bytes is). Throws
 * (StoredBodyError, or an Error naming the missing item) when they cannot be read.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#attachment
 */
export function attachmentBytesReader(db: DB): (row: AttachmentSource) => Buffer {
  const itemOf = storedItemReader(db);
  return (row) => {
    if (row.item_index === null || (row.data !== null && row.data.length > 0)) return decodeBody(db, row.data, row.data_codec);
    const bytes = itemOf(row.envelope_id, row.item_index, 'attachment');
    return row.truncated ? bytes.subarray(0, MAX_ATTACHMENT_BYTES) : bytes;
  };
}
