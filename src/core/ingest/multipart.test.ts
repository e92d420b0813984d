import { describe, expect, it } from 'vitest';
import { parseMultipart } from './multipart';

/** Bytes shaped like a minidump: the MDMP signature, then binary with CR, LF and dashes in it. */
const minidump = Buffer.concat([Buffer.from('MDMP'), Buffer.from([0x93, 0xa7, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0x0a, 0xff])]);
const sentryJson = JSON.stringify({ release: 'app@1.0.0', tags: { electron: '45.4.1' } });

/** Encodes a form with Node's own (undici) FormData, the encoder fetch() uses. */
async function encodeWithFetch(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const request = new Request('http://127.0.0.1/api/1/minidump/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

describe('parseMultipart', () => {
  it('reads a form encoded by fetch: text fields and a binary minidump file', async () => {
    const form = new FormData();
    form.append('sentry', sentryJson);
    form.append('sentry[tags][process]', 'renderer');
    form.append('upload_file_minidump', new Blob([minidump], { type: 'application/octet-stream' }), 'crash "1".dmp');
    const { body, contentType } = await encodeWithFetch(form);

    const parsed = parseMultipart(body, contentType);
    expect(parsed.fields).toEqual({ sentry: sentryJson, 'sentry[tags][process]': 'renderer' });
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]?.field).toBe('upload_file_minidump');
    expect(parsed.files[0]?.filename).toBe('crash "1".dmp');
    expect(parsed.files[0]?.contentType).toBe('application/octet-stream');
    expect(parsed.files[0]?.data.equals(minidump)).toBe(true);
  });

  it('reads a crashpad-style body with a quoted boundary, a preamble and no part content type', () => {
    const boundary = '---MultipartBoundary-a1b2c3';
    const body = Buffer.concat([
      Buffer.from(`preamble to ignore\r\n--${boundary}\r\n`),
      Buffer.from('Content-Disposition: form-data; name="prod"\r\n\r\nElectron\r\n'),
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name=upload_file_minidump; filename=C:\\dumps\\a.dmp\r\n\r\n`),
      minidump,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const parsed = parseMultipart(body, `multipart/form-data; charset=utf-8; boundary="${boundary}"`);
    expect(parsed.fields).toEqual({ prod: 'Electron' });
    expect(parsed.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([
      ['upload_file_minidump', 'C:\\dumps\\a.dmp', 'application/octet-stream'],
    ]);
    expect(parsed.files[0]?.data.equals(minidump)).toBe(true);
  });

  it('reads LF-only bodies, empty values and RFC 5987 filenames', () => {
    const body = Buffer.from(
      '--b\nContent-Disposition: form-data; name="empty"\n\n\n' +
        "--b\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''na%C3%AFve.txt\nContent-Type: text/plain\n\nhi\n--b--",
    );
    const parsed = parseMultipart(body, 'multipart/form-data; boundary=b');
    expect(parsed.fields).toEqual({ empty: '' });
    expect(parsed.files.map((f) => [f.filename, f.contentType, f.data.toString()])).toEqual([['naïve.txt', 'text/plain', 'hi']]);
  });

  it('returns an empty form for a body that is only the closing boundary', () => {
    expect(parseMultipart(Buffer.from('--b--\r\n'), 'multipart/form-data; boundary=b')).toEqual({ fields: {}, files: [] });
  });

  it('throws clear errors for a missing boundary or a cut-off body', () => {
    expect(() => parseMultipart(Buffer.from('x'), 'multipart/form-data')).toThrow('multipart body has no boundary in its content-type');
    expect(() => parseMultipart(Buffer.from('x'), 'multipart/form-data; boundary=')).toThrow('no boundary');
    expect(() => parseMultipart(Buffer.from('nothing here'), 'multipart/form-data; boundary=b')).toThrow(
      'multipart body does not contain its boundary "b"',
    );
    const cut = Buffer.from('--b\r\nContent-Disposition: form-data; name="sentry"\r\n\r\n{"rel');
    expect(() => parseMultipart(cut, 'multipart/form-data; boundary=b')).toThrow('multipart body ends before its closing boundary');
  });
});
