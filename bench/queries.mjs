// Read-API timings as the UI sees them (over HTTP, keep-alive): issue list first page, a
// filtered page, full-text search and event detail. First call and median of the repeats.
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { median } from './stats.mjs';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function fetchJson(port, path) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    get({ host: '127.0.0.1', port, path: `/_lookout/api${path}`, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) { reject(new Error(`GET ${path}: HTTP ${res.statusCode} ${Buffer.concat(chunks)}`)); return; }
        resolve({ ms, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      });
    }).on('error', reject);
  });
}

/** `rows`: the fewest rows any of `paths` answered, so a query timed on an empty answer shows. */
async function timed(port, paths, repeats) {
  const first = await fetchJson(port, paths[0]);
  const times = [];
  const rows = new Map([[paths[0], first.body.items?.length ?? null]]);
  for (let i = 0; i < repeats; i++) {
    const path = paths[i % paths.length];
    const answer = await fetchJson(port, path);
    times.push(answer.ms);
    if (!rows.has(path)) rows.set(path, answer.body.items?.length ?? null);
  }
  return { firstMs: first.ms, medianMs: median(times), maxMs: Math.max(...times), rows: Math.min(...rows.values()) };
}

export async function timeQueries(port, repeats) {
  const list = await timed(port, ['/issues?limit=50'], repeats);
  const filtered = await timed(port, ['/issues?limit=50&status=unresolved&environment=production&sort=count'], repeats);
  const search = await timed(port, ['/issues?limit=50&query=properties%20of%20undefined', '/issues?limit=50&query=orderId',
    '/issues?limit=50&query=status%20code%20500'], repeats);
  const issues = (await fetchJson(port, '/issues?limit=100')).body.items;
  const eventIds = [];
  for (const issue of issues.slice(0, 20)) {
    const events = (await fetchJson(port, `/issues/${issue.id}/events?limit=1`)).body.items;
    if (events[0]) eventIds.push(events[0].eventId);
  }
  const detail = eventIds.length ? await timed(port, eventIds.map((id) => `/events/${id}`), repeats) : null;
  return { issueList: list, filteredPage: filtered, search, eventDetail: detail, issues: issues.length };
}
