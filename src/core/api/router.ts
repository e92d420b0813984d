import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
}

type Handler = (ctx: RouteContext) => unknown | Promise<unknown>;

/** A small method + regex router: a handler returns a JSON body, or writes the response itself (undefined). */
export class Router {
  private routes: { method: string; pattern: RegExp; handler: Handler }[] = [];

  on(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: string[] } | 'method' | null {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method === method) return { handler: r.handler, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    }
    return pathMatched ? 'method' : null;
  }
}
