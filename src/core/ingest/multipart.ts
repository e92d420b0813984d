/**
 * multipart/form-data (RFC 7578) for the minidump endpoint, where crash reporters such as
 * Electron's crashpad upload `upload_file_minidump` next to `sentry` / `sentry[...]` fields.
 * @see https://docs.sentry.io/platforms/native/guides/minidumps/
 */

/** A form part that carried a filename. `data` is a view into the request body. */
export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Text fields (last value wins for a repeated name) and file parts of a form. */
export interface MultipartForm {
  fields: Record<string, string>;
  files: MultipartFile[];
}

/**
 * Splits a multipart/form-data body into text fields and files. Throws an Error when the
 * content type has no boundary or the body does not follow it.
 * @see https://docs.sentry.io/platforms/native/guides/minidumps/
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartForm {
  const boundary = headerParams(contentType).get('boundary');
  if (!boundary) throw new Error('multipart body has no boundary in its content-type');
  const delimiter = Buffer.from(`--${boundary}`);
  const form: MultipartForm = { fields: {}, files: [] };

  let pos = body.indexOf(delimiter);
  if (pos === -1) throw new Error(`multipart body does not contain its boundary "${boundary}"`);
  const crlf = body[pos + delimiter.length] === 0x0d;
  const partEnd = Buffer.from(crlf ? `\r\n--${boundary}` : `\n--${boundary}`);
  const headerEnd = Buffer.from(crlf ? '\r\n\r\n' : '\n\n');
  pos += delimiter.length;

  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return form; // "--" closes the form
    const headersStart = body.indexOf(crlf ? '\r\n' : '\n', pos);
    if (headersStart === -1) break;
    const headersEnd = body.indexOf(headerEnd, headersStart);
    if (headersEnd === -1) break;
    const dataStart = headersEnd + headerEnd.length;
    const dataEnd = body.indexOf(partEnd, dataStart);
    if (dataEnd === -1) break;
    // headersStart points at the line break ending the delimiter line, which headerEnd also matches
    // when the part has no headers at all.
    addPart(form, body.toString('utf8', headersStart, headersEnd), body.subarray(dataStart, dataEnd));
    pos = dataEnd + partEnd.length;
  }
  throw new Error('multipart body ends before its closing boundary');
}

function addPart(form: MultipartForm, headerBlock: string, data: Buffer): void {
  let disposition = '';
  let contentType = 'application/octet-stream';
  for (const line of headerBlock.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type' && value) contentType = value;
  }
  const params = headerParams(disposition);
  const name = params.get('name');
  if (name === undefined) return;
  const field = unescapeHtmlFormName(name);
  const plainFilename = params.get('filename');
  const filename = extendedFilename(params.get('filename*')) ?? (plainFilename && unescapeHtmlFormName(plainFilename));
  if (filename === undefined) form.fields[field] = data.toString('utf8');
  else form.files.push({ field, filename, contentType, data });
}

/** Browsers and fetch (HTML form encoding) write `"`, CR and LF in names as %22, %0D and %0A. */
function unescapeHtmlFormName(value: string): string {
  return value.replace(/%(22|0d|0a)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** RFC 5987 `UTF-8''percent%20encoded` filenames. */
function extendedFilename(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const quote = value.indexOf("''");
  try {
    return decodeURIComponent(quote === -1 ? value : value.slice(quote + 2));
  } catch {
    return undefined;
  }
}

/**
 * Parameters of a header value such as `form-data; name="a;b"; filename=x.dmp`, with quoted
 * strings unescaped. Keys are lower-cased; the value before the first `;` is skipped.
 */
function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = value.indexOf(';');
  while (i !== -1 && i < value.length) {
    i++;
    const eq = value.indexOf('=', i);
    if (eq === -1) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (value[j] === ' ' || value[j] === '\t') j++;
    let paramValue = '';
    if (value[j] === '"') {
      j++;
      while (j < value.length && value[j] !== '"') {
        // Only \" and \\ are escapes: clients send Windows paths with bare backslashes.
        if (value[j] === '\\' && (value[j + 1] === '"' || value[j + 1] === '\\')) j++;
        paramValue += value[j];
        j++;
      }
      i = value.indexOf(';', j);
    } else {
      const semicolon = value.indexOf(';', j);
      paramValue = value.slice(j, semicolon === -1 ? undefined : semicolon).trim();
      i = semicolon;
    }
    if (key && !params.has(key)) params.set(key, paramValue);
  }
  return params;
}
