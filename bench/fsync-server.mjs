// The durable-acknowledgement floor: the null server, except that each body is appended to a
// file and answered only once an fsync that started after its write has finished. Concurrent
// requests share one fsync (group commit), as Lookout's writer does. What Lookout's latency
// cannot beat on this disk, measured in the same run.
import { closeSync, fsync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BODY = JSON.stringify({ id: '00000000000000000000000000000000' });
const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-fsync-'));
const fd = openSync(join(dir, 'log'), 'a');
let waiting = [];
let syncing = false;

function sync() {
  const group = waiting;
  waiting = [];
  syncing = true;
  fsync(fd, (err) => {
    syncing = false;
    for (const done of group) done(err);
    if (waiting.length > 0) sync();
  });
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    writeSync(fd, Buffer.concat(chunks));
    waiting.push((err) => {
      res.writeHead(err ? 500 : 200, { 'content-type': 'application/json', 'content-length': BODY.length });
      res.end(BODY);
    });
    if (!syncing) sync();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`Fsync server listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => { closeSync(fd); rmSync(dir, { recursive: true, force: true }); process.exit(0); }));
