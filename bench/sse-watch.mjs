// Listens to a server-sent-events stream and notes when each event id first shows up in it.
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Opens `path` as an SSE stream; resolves once the server has answered 200.
 * `idPattern` (global, one capture group) finds the event ids inside each message.
 */
export function watchSse({ host, port, path, idPattern }) {
  const seen = new Map();
  let waiters = [];
  let rest = '';
  return new Promise((resolve, reject) => {
    const req = get({ host, port, path, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { reject(new Error(`SSE ${path}: HTTP ${res.statusCode}`)); res.resume(); return; }
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const at = performance.now();
        const text = rest + chunk;
        const cut = text.lastIndexOf('\n\n');
        if (cut < 0) { rest = text; return; }
        rest = text.slice(cut + 2);
        const complete = text.slice(0, cut);
        idPattern.lastIndex = 0;
        for (let m = idPattern.exec(complete); m; m = idPattern.exec(complete)) if (!seen.has(m[1])) seen.set(m[1], at);
        waiters = waiters.filter((w) => !w());
      });
      resolve({
        /** Resolves with the arrival times once every id has been seen, or after `timeoutMs`. */
        waitFor(ids, timeoutMs) {
          return new Promise((done) => {
            const check = () => {
              if (ids.every((id) => seen.has(id))) { clearTimeout(timer); done(seen); return true; }
              return false;
            };
            const timer = setTimeout(() => { waiters = waiters.filter((w) => w !== check); done(seen); }, timeoutMs);
            if (!check()) waiters.push(check);
          });
        },
        close() { req.destroy(); },
      });
    });
    req.on('error', reject);
  });
}
