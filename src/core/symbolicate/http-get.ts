import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isLoopbackHost } from './scrape-policy';

/**
 * Connect + read budget of one fetch: a dev server answers in milliseconds or not at all. Under
 * the run's budget (SCRAPE_BUDGET_MS), so one hung server is reported as such, not as pending.
 */
export const FETCH_TIMEOUT_MS = 1500;

export interface GetOptions {
  maxBytes: number;
  timeoutMs?: number;
  /** Validators of a cached copy: a 304 answer means it is still current. */
  etag?: string | null;
  lastModified?: string | null;
}

export type GetFailureKind = 'status' | 'timeout' | 'refused' | 'too-large' | 'error';

export type GetResult =
  | { ok: true; status: 200; text: string; etag: string | null; lastModified: string | null; sourceMap: string | null; contentType: string | null }
  | { ok: true; status: 304 }
  | { ok: false; kind: GetFailureKind; detail: string };

const header = (v: string | string[] | undefined): string | null => (typeof v === 'string' && v !== '' ? v : Array.isArray(v) ? v[0] ?? null : null);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A loopback host must reach the loopback interface: `*.localhost` names resolve as `localhost`
 * (as browsers do; many resolvers know no such names), and any other answer is refused, so a
 * resolver cannot point a loopback name somewhere else.
 */
function loopbackLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  const name = hostname.toLowerCase().endsWith('.localhost') ? 'localhost' : hostname;
  dnsLookup(name, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const local = addresses.filter((a) => isLoopbackHost(a.family === 6 ? `[${a.address}]` : a.address));
    if (local.length === 0) return callback(Object.assign(new Error(`${hostname} does not resolve to a loopback address`), { code: 'ENOTFOUND' }), []);
    if (options.all) return callback(null, local);
    const first = local[0]!;
    callback(null, first.address, first.family);
  });
}

function describeError(err: unknown): { kind: GetFailureKind; detail: string } {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ECONNREFUSED') return { kind: 'refused', detail: 'connection refused (is the dev server running?)' };
  if (code === 'ECONNRESET') return { kind: 'error', detail: 'the server closed the connection' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'error', detail: 'host not found' };
  return { kind: 'error', detail: err instanceof Error ? err.message : String(err) };
}

/**
 * One GET with a deadline over connect and read, a size cap checked on `Content-Length` and on
 * the bytes as they arrive, no redirects, no cookies, no compression. Never throws.
 */
export function httpGet(url: URL, opts: GetOptions): Promise<GetResult> {
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const loopback = isLoopbackHost(url.hostname);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: GetResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'Lookout (source map fetch)' };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const options: https.RequestOptions = { method: 'GET', headers, agent: false };
    if (loopback) {
      options.lookup = loopbackLookup as unknown as https.RequestOptions['lookup'];
      // Dev servers on this machine use self-signed certificates; nothing sits between us and them.
      if (url.protocol === 'https:') options.rejectUnauthorized = false;
    }
    const req = (url.protocol === 'https:' ? https : http).request(url, options, (res) => {
      const status = res.statusCode ?? 0;
      if (status === 304 && (opts.etag || opts.lastModified)) return finish({ ok: true, status: 304 });
      if (status !== 200) return finish({ ok: false, kind: 'status', detail: `HTTP ${status}` });
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        return finish({ ok: false, kind: 'too-large', detail: `${declared} bytes, over the ${opts.maxBytes}-byte limit` });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) finish({ ok: false, kind: 'too-large', detail: `over the ${opts.maxBytes}-byte limit` });
        else chunks.push(chunk);
      });
      res.on('end', () => finish({
        ok: true, status: 200, text: Buffer.concat(chunks).toString('utf8'),
        etag: header(res.headers.etag), lastModified: header(res.headers['last-modified']),
        sourceMap: header(res.headers.sourcemap) ?? header(res.headers['x-sourcemap']),
        contentType: header(res.headers['content-type']),
      }));
      res.on('error', (err) => finish({ ok: false, ...describeError(err) }));
    });
    const timer = setTimeout(() => finish({ ok: false, kind: 'timeout', detail: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
    timer.unref();
    req.on('error', (err) => finish({ ok: false, ...describeError(err) }));
    req.end();
  });
}
