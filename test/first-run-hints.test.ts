/**
 * What a newcomer's first mistakes are told, against a real server on a random port (`port: 0`):
 * an `https://` DSN (a real @sentry/node) is said in the log and kept as a rejected request, a
 * wrong ingest path is answered with this server's real address, and saving settings on a random
 * port never makes that port the setting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeStats } from '../src/shared/api-stats';
import type { Settings } from '../src/shared/api-types';
import { TLS_ON_PLAIN_PORT } from '../src/core/ingest/tls-on-plain-port';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
const logged: string[] = [];
beforeAll(async () => { lookout = await startTestLookout({ log: (line) => logged.push(line) }); });
afterAll(async () => { await lookout.stopAndClean(); });

/** What the server writes back to `bytes` sent on a bare connection, until it closes it. */
function rawAnswer(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (d: Buffer) => { answer += d.toString(); });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('first-run hints', () => {
  it('an https:// DSN is said once a minute in the log and kept as a rejected request', async () => {
    Sentry.init({ dsn: `https://lookout@127.0.0.1:${lookout.port}/4`, defaultIntegrations: false });
    Sentry.captureException(new Error('sent over TLS'));
    Sentry.captureException(new Error('sent over TLS again'));
    await Sentry.flush(5000);
    await Sentry.close(2000);
    const rejected = async () => (await lookout.api<OutcomeStats>('stats?hours=1')).rejected.filter((r) => r.reason === TLS_ON_PLAIN_PORT);
    await expect.poll(async () => (await rejected()).map((r) => [r.status, r.count]), { timeout: 10_000 }).toEqual([[400, 1]]);
    expect(logged.filter((l) => l.startsWith(TLS_ON_PLAIN_PORT))).toEqual([`${TLS_ON_PLAIN_PORT} (from 127.0.0.1).`]);
    // Other bytes no HTTP parser reads are still answered 400, as Node answers them, and not said as TLS.
    expect(await rawAnswer(lookout.port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(logged.filter((l) => l.startsWith(TLS_ON_PLAIN_PORT))).toHaveLength(1);
  });

  it('a wrong ingest path is told the DSN form with the port this server listens on', async () => {
    const res = await post(`${lookout.url}/1/envelope/`, '');
    expect(res.status).toBe(404);
    expect(res.json?.detail).toContain(`(http://<key>@127.0.0.1:${lookout.port}/1 sends to /api/1/envelope/)`);
    expect(lookout.port).not.toBe(8969);
  });

  it('settings on a random port: the configured port is 8969, and a save without a port writes none', async () => {
    const settings = await lookout.api<Settings>('settings');
    expect(settings.port).toBe(lookout.port);
    expect(settings.configuredPort).toBe(8969);
    expect(settings.nextPort).toBeNull();
    const { port: _listening, ...rest } = settings;
    await lookout.api('settings', { method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...rest, retention: { ...settings.retention, maxAgeDays: 7 } }) });
    const file = join(lookout.dataDir, 'settings.json');
    expect(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { port?: number }).port : undefined).toBeUndefined();
    const saved = await lookout.api<Settings>('settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ port: 9123 }) });
    expect([saved.nextPort, saved.configuredPort, saved.port]).toEqual([9123, 9123, lookout.port]);
  });
});
