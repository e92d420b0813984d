import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requestAsCurl, shellQuote } from './request-curl';

/** What bash makes of the quoted words: each argument back, one per NUL. */
function bashArgs(words: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it("gives bash back exactly the text, with quotes, newlines, $, backticks and non-ASCII", () => {
    const nasty = [`it's`, "a\nb\r\tc", '$(touch /tmp/pwned) `id` $HOME', 'naïve 日本 🎉', '\\\'"', '\u202eevil', 'x\u0007y', ''];
    expect(bashArgs(nasty.map(shellQuote).join(' '))).toEqual(nasty);
  });

  it('keeps a one-line value in plain single quotes', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('a\nb')).toBe(`$'a\\nb'`);
  });
});

describe('requestAsCurl', () => {
  const request = {
    method: 'post', url: 'http://127.0.0.1:5000/orders', query_string: 'sku=A-1&q=caf%C3%A9',
    headers: [['Content-Type', 'application/json'], ['Accept-Encoding', 'gzip'], ['Authorization', 'Bearer s3cret'], ['Content-Length', '12'], ['X-Note', "O'Brien"]],
    cookies: { session: 'abc123' },
    data: { qty: 'three', note: 'line1\nline2' },
  };

  it('builds method, headers, cookies, JSON body and the URL with its query, masked as on screen', () => {
    const curl = requestAsCurl(request, { mask: true }) ?? '';
    const args = bashArgs(curl.replace(/ \\\n {2}/g, ' '));
    expect(args).toEqual([
      'curl', '-X', 'POST', '--compressed',
      '-H', 'Content-Type: application/json', '-H', 'Accept-Encoding: gzip', '-H', 'Authorization: [Filtered]', '-H', "X-Note: O'Brien",
      '-b', '[Filtered]',
      '--data-raw', '{"qty":"three","note":"line1\\nline2"}',
      'http://127.0.0.1:5000/orders?sku=A-1&q=caf%C3%A9',
    ]);
  });

  it('shows the real values when asked, keeps what the SDK filtered, and encodes a form body', () => {
    const form = { ...request, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'sid=[Filtered]' }, data: { a: 'b c', d: 'é' }, query_string: [['page', '2']] };
    const args = bashArgs((requestAsCurl(form, { mask: false }) ?? '').replace(/ \\\n {2}/g, ' '));
    expect(args).toEqual(['curl', '-X', 'POST', '-H', 'Content-Type: application/x-www-form-urlencoded', '-H', 'Cookie: sid=[Filtered]',
      '--data-raw', 'a=b+c&d=%C3%A9', 'http://127.0.0.1:5000/orders?page=2']);
    expect(requestAsCurl({ ...request, url: undefined }, { mask: true })).toBeNull();
  });
});
