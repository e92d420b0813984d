import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../e2e/server';
import { shebangNodeFlags } from '../scripts/serve-node-flags.mjs';

const ROOT = resolve(__dirname, '..');

beforeAll(() => {
  // The CLI runs from its build; build it when missing or stale.
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
}, 180_000);

/** Runs `lookout ARGS` to its exit. */
async function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/lookout.js'), ...args]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout.resume();
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  return { code, stderr };
}

describe('lookout serve', () => {
  it('prints the two ready lines, writes server.json, and shuts down cleanly on SIGTERM', async () => {
    const server = await startServer();
    const info = JSON.parse(readFileSync(join(server.dataDir, 'server.json'), 'utf8')) as { port: number; pid: number; url: string };
    // Started with --port 0: reports exported from this dir link no trace into it (the port dies with this run).
    expect(info).toEqual({ port: server.port, pid: server.process.pid, url: `http://127.0.0.1:${server.port}`, ephemeralPort: true });
    // Envelopes in flight when SIGTERM arrives: every one acknowledged with 200 is committed.
    const sends = Array.from({ length: 40 }, (_, i) => fetch(`http://127.0.0.1:${server.port}/api/1/envelope/`, {
      method: 'POST', body: `{}\n{"type":"event"}\n{"message":"in flight ${i}"}`,
    }).then((r) => (r.status === 200 ? `in flight ${i}` : null), () => null));
    const stopped = server.stop('SIGTERM');
    const acknowledged = (await Promise.all(sends)).filter((t): t is string => t !== null);
    expect(await stopped).toBe(0);
    expect(existsSync(join(server.dataDir, 'server.json'))).toBe(false);
    const again = await startServer({ dataDir: server.dataDir });
    const items = await (await fetch(`${again.url}/_lookout/api/items?limit=1000`)).json() as { items: { title: string }[] };
    const stored = new Set(items.items.map((i) => i.title));
    for (const title of acknowledged) expect(stored).toContain(title);
    await again.stop();
  });

  it('exits 1 with a one-line error naming the port when it is taken', async () => {
    const first = await startServer();
    const child = spawn(process.execPath, [join(ROOT, 'bin/lookout.js'), 'serve', '--port', String(first.port), '--data-dir', mkdtempSync(join(tmpdir(), 'lookout-'))]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`Port ${first.port} is already in use`);
    expect(stderr).toContain('--port');
    await first.stop();
  });

  it('refuses a data dir another Lookout serves, and leaves that one running with its server.json', async () => {
    const first = await startServer();
    const info = readFileSync(join(first.dataDir, 'server.json'), 'utf8');
    const { code, stderr } = await runCli(['serve', '--port', '0', '--data-dir', first.dataDir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`Another Lookout (pid ${first.process.pid}, ${first.url}) is using the data dir ${first.dataDir}`);
    expect(readFileSync(join(first.dataDir, 'server.json'), 'utf8')).toBe(info);
    expect((await fetch(`${first.url}/_lookout/api/health`)).status).toBe(200);
    // Nor may regroup or import rewrite the store under it.
    const regroup = await runCli(['regroup', '--data-dir', first.dataDir]);
    expect(regroup.code).toBe(1);
    expect(regroup.stderr).toContain(`Lookout is running on this data dir (pid ${first.process.pid}, ${first.url}); stop it first.`);
    await first.stop();
    // A server.json left by a crash (its pid is gone) does not block a start.
    writeFileSync(join(first.dataDir, 'server.json'), JSON.stringify({ port: 1, pid: 2 ** 22 + 7, url: 'http://127.0.0.1:1' }));
    const again = await startServer({ dataDir: first.dataDir });
    await again.stop();
    // Nor does one whose pid lives again (reused) while another program answers at its URL.
    const other = createServer((_req, res) => { res.writeHead(404); res.end('not here'); });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    writeFileSync(join(first.dataDir, 'server.json'), JSON.stringify({ port: 1, pid: process.pid, url: otherUrl }));
    const third = await startServer({ dataDir: first.dataDir });
    await third.stop();
    writeFileSync(join(first.dataDir, 'server.json'), JSON.stringify({ port: 1, pid: process.pid, url: otherUrl }));
    expect((await runCli(['regroup', '--data-dir', first.dataDir])).code).toBe(0);
    await new Promise<void>((r) => other.close(() => r()));
  });

  it('exits 1 naming a data dir it cannot write, instead of serving half started', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lookout-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const { code, stderr } = await runCli(['serve', '--port', '0', '--data-dir', join(file, 'data')]);
    expect(code).toBe(1);
    expect(stderr).toContain(`The data dir ${join(file, 'data')} cannot be used: ${file} is a file, not a folder.`);
  });

  it.each<[string[], string]>([
    [['serve', '--max-events', '2.5'], '--max-events must be a whole number of at least 1 (got 2.5)'],
    [['serve', '--max-bytes', '0'], '--max-bytes must be above 0'],
    [['serve', '--max-body', '0'], '--max-body must be above 0'],
    [['serve', 'bogus'], 'unexpected argument "bogus": this command takes options only'],
    [['export', '2', '--events', 'abc'], '--events must be a whole number of at least 1 (got abc)'],
    [['import', '/nonexistent/bundle.json'], '/nonexistent/bundle.json: no such file (pass the bundle'],
    [['import', tmpdir()], `${tmpdir()} is a folder: pass the bundle file`],
  ])('lookout %j exits 1 saying what is wrong', async (args, message) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lookout-'));
    const { code, stderr } = await runCli([...args, '--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  it.each(['serve', 'export', 'import', 'regroup'])('lookout %s --help prints the usage', async (command) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/lookout.js'), command, '--help']);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    expect(await new Promise<number | null>((r) => child.on('exit', r))).toBe(0);
    expect(stdout).toContain('Usage: lookout <command> [options]');
    expect(stdout).toContain('--no-replay');
  });

  it('gives `npm run serve` the Node flags of the `lookout` shebang', () => {
    const flags = shebangNodeFlags(join(ROOT, 'bin/lookout.js'));
    expect(flags).toEqual(expect.arrayContaining(['--single-threaded-gc', '--max-semi-space-size=4']));
    const serve = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.serve!;
    expect(serve).toContain(`node ${flags.join(' ')} bin/lookout.js serve`);
  });

  // Started as a user's shell starts it: the file itself, through its shebang (Linux: /proc).
  it.runIf(process.platform === 'linux')('runs as the `lookout` command with its V8 flags: GC on one thread, a 4 MB young generation (Linux)', async () => {
    const child = spawn(join(ROOT, 'bin/lookout.js'), ['serve', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'lookout-'))]);
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); const m = /listening on (http:\S+)/.exec(out); if (m) ok(m[1]!); });
      child.on('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    const args = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    expect(args).toContain('--single-threaded-gc');
    expect(args).toContain('--max-semi-space-size=4');
    expect(args.some((a) => a.endsWith('bin/lookout.js'))).toBe(true);
    expect((await fetch(`${url}/api/1/envelope/`, { method: 'POST', body: '{}\n{"type":"event"}\n{"message":"one thread"}' })).status).toBe(200);
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
