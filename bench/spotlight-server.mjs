// Spotlight's sidecar (@spotlightjs/spotlight, its public `setupSpotlight` export) on a free
// loopback port: no UI files, no MCP use, no Sentry telemetry of its own (the CLI's
// instrument.js is not loaded). Prints the same kind of ready line as the other servers.
import http from 'node:http';

// Spotlight passes no hostname to listen(); keep it on loopback.
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function patchedListen(port, host, ...rest) {
  return typeof host === 'string' ? listen.call(this, port, host, ...rest) : listen.call(this, port, '127.0.0.1', ...[host, ...rest].filter((a) => a !== undefined));
};

// With the hono pinned by the override (4.12.34), `c.req.query()` returns a null-prototype
// object, and Spotlight's request middleware calls `.toString()` on it, answering 500 to every
// request. Give the returned object a plain prototype again; nothing else changes.
const { HonoRequest } = await import('hono/request');
const query = HonoRequest.prototype.query;
HonoRequest.prototype.query = function plainQuery(key) {
  const result = query.call(this, key);
  return key === undefined && result && Object.getPrototypeOf(result) === null ? Object.assign({}, result) : result;
};

const { setupSpotlight } = await import('@spotlightjs/spotlight');
const server = await setupSpotlight({ port: 0, isStandalone: true, logger: { info() {}, warn() {}, error() {}, debug() {} } });
if (!server) throw new Error('Spotlight did not start');
process.stdout.write(`Spotlight listening on http://127.0.0.1:${server.address().port}\n`);
