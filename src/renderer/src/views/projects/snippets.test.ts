import { spawnSync } from 'node:child_process';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { snippets } from './snippets';

const DSN = 'http://lookout@127.0.0.1:8969/1';
const all = snippets(DSN, 'http://127.0.0.1:8969/stream');
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('setup snippets', () => {
  it('every JavaScript snippet is a module that parses as pasted', () => {
    const js = all.filter((s) => s.language === 'js');
    expect(js.map((s) => s.id)).toEqual(['browser', 'node', 'spotlight']);
    for (const s of js) expect(() => transformSync(s.code, { loader: 'js', format: 'esm' }), s.id).not.toThrow();
  });

  it('the Spotlight snippet uses what each SDK has: the `spotlight` option in Node, the integration in the browser', async () => {
    const code = all.find((s) => s.id === 'spotlight')!.code;
    const browser = await import('@sentry/browser');
    expect(code).toContain('Sentry.spotlightBrowserIntegration({ sidecarUrl: "http://127.0.0.1:8969/stream" })');
    expect(typeof browser.spotlightBrowserIntegration).toBe('function');
    expect(browser.spotlightBrowserIntegration({ sidecarUrl: 'http://127.0.0.1:8969/stream' }).name).toBe('SpotlightBrowser');
  });

  it.runIf(hasPython)('the Python snippet parses (skipped where python3 is missing)', () => {
    const python = all.find((s) => s.id === 'python')!;
    const run = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: python.code, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the Go snippet imports what it uses and turns tracing on, like the others', () => {
    const go = all.find((s) => s.id === 'go')!.code;
    for (const pkg of ['"log"', '"time"', '"github.com/getsentry/sentry-go"']) expect(go).toContain(pkg);
    expect(go).toContain('TracesSampleRate: 1.0');
    for (const s of all.filter((x) => x.id !== 'spotlight')) expect(s.code, s.id).toContain(DSN);
  });

  it('each SDK tab starts with its install step and ends with a capture to try; only the JavaScript tabs are marked for source maps', () => {
    const byId = new Map(all.map((s) => [s.id, s]));
    expect(byId.get('node')!.install).toBe('npm install @sentry/node');
    expect(byId.get('browser')!.install).toBe('npm install @sentry/browser');
    expect(byId.get('python')!.install).toBe('pip install sentry-sdk');
    expect(byId.get('go')!.install).toBe('go get github.com/getsentry/sentry-go');
    expect(byId.get('ruby')!.install).toBe('bundle add sentry-ruby');
    for (const s of all.filter((x) => x.id !== 'spotlight')) expect(s.code, s.id).toMatch(/^(#|\/\/) Try it: this shows up in Lookout at once\.$/m);
    expect(byId.get('python')!.code).toContain('sentry_sdk.capture_exception(error)');
    expect(byId.get('go')!.code).toContain('sentry.CaptureException(errors.New("Hello from Go"))');
    expect(byId.get('ruby')!.code).toContain('Sentry.capture_exception(RuntimeError.new("Hello from Ruby"))');
    expect(all.filter((s) => s.js).map((s) => s.id)).toEqual(['browser', 'node', 'spotlight']);
  });

  it.runIf(spawnSync('gofmt', ['-h']).error === undefined)('the Go snippet parses as Go once placed in a main package (skipped where gofmt is missing)', () => {
    const go = all.find((s) => s.id === 'go')!.code;
    const [imports, body] = go.split('// In main():');
    const file = `package main\n\n${imports!}\nfunc main() {\n${body!}\n}\n`;
    const run = spawnSync('gofmt', ['-e'], { input: file, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
