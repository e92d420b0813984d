// The loopback ceiling: a Node HTTP server that reads the whole body and answers 200 with an
// id, as an ingest endpoint must, and does nothing else.
import { createServer } from 'node:http';

const BODY = JSON.stringify({ id: '00000000000000000000000000000000' });
const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`Null server listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
