/** Small fetch wrappers shared by the API client: JSON in/out and typed failures. */

/** A non-2xx answer from the read API, with the server's message when it sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly url: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Pulls a human message out of an error body: `{error}`, `{detail}`, `{message}` or plain text. */
async function errorMessage(res: Response): Promise<string> {
  let text = '';
  try { text = await res.text(); } catch { /* body unreadable */ }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) {
      for (const key of ['error', 'detail', 'message']) {
        const v: unknown = (parsed as Record<string, unknown>)[key];
        if (typeof v === 'string' && v) return v;
      }
    }
  } catch { /* not JSON */ }
  const trimmed = text.trim().slice(0, 300);
  return trimmed || `${res.status} ${res.statusText}`.trim();
}

/** The server did not answer at all (stopped, restarting): fetch's own TypeError says only "Failed to fetch". */
export class UnreachableError extends Error {
  constructor(readonly url: string) {
    super('Lookout\'s server is not reachable. This view reloads when it is back.');
    this.name = 'UnreachableError';
  }
}

/** Fetches and throws `ApiError` on non-2xx, `UnreachableError` when no answer came. */
export async function request(url: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    // An abort is the caller's own doing, not the server's.
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new UnreachableError(url);
  }
  if (!res.ok) throw new ApiError(res.status, await errorMessage(res), url);
  return res;
}

/** GET/PATCH/PUT/POST returning parsed JSON; the caller states the contract type. */
export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await request(url, init);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** JSON request body options. */
export function jsonBody(method: 'POST' | 'PUT' | 'PATCH', body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** Builds `?a=1&b=2` from defined, non-empty values only. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
