import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPOTLIGHT_CORPUS } from '../src/core/grouping/test-support/corpus';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

const SPOTLIGHT_CLI = resolve(__dirname, '../node_modules/@spotlightjs/spotlight/dist/run.js');
let lookout: TestLookout;

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

const envelope = (file: string) => readFileSync(`${SPOTLIGHT_CORPUS}/${file}`);

describe("Spotlight's GET /stream", () => {
  it("feeds Spotlight's own `spotlight tail`: the envelopes sent before it connected, then each new one", async () => {
    expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, envelope('envelope_javascript.txt'))).status).toBe(200);
    const tail = spawn(process.execPath, [SPOTLIGHT_CLI, 'tail', 'errors', '--port', String(lookout.port), '-f', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = createInterface({ input: tail.stdout! })[Symbol.asyncIterator]();
      const next = async () => JSON.parse(String((await lines.next()).value)) as Record<string, unknown>;
      expect(await next()).toMatchObject({ type: 'error', event_id: '3c29c134e36d48cdb8f7b11b4e696077', exception_type: 'SyntaxError' });
      expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, envelope('envelope_php_error.txt'))).status).toBe(200);
      expect(await next()).toMatchObject({ type: 'error', exception_type: 'Exception', platform: 'php' });
    } finally {
      tail.kill();
    }
  }, 30_000);

  it('answers only pages on this machine, and resumes after Last-Event-ID', async () => {
    const foreign = await fetch(`${lookout.url}/stream`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const local = await fetch(`${lookout.url}/stream`, { headers: { origin: 'http://localhost:3000', 'last-event-id': '0' } });
    expect(local.status).toBe(200);
    expect(local.headers.get('content-type')).toBe('text/event-stream');
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const reader = local.body!.getReader();
    let text = '';
    while (!/data: .*php/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const resumed = await fetch(`${lookout.url}/stream`, { headers: { 'last-event-id': String(ids[0]) } });
    const again = resumed.body!.getReader();
    let replayed = '';
    while (!/^id: \d+$/m.test(replayed)) replayed += new TextDecoder().decode((await again.read()).value);
    await again.cancel();
    expect(Number(/^id: (\d+)$/m.exec(replayed)![1])).toBe(ids[1]);
  });
});
