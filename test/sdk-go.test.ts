import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail, IssueSummary, Page, TraceSummary } from '../src/shared/api-types';
import type { SentryFrame } from '../src/shared/sentry';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { missingTool, runSdkApp, type AppRun } from './helpers/sdk-app';

// The real sentry-go (Debian's golang-github-getsentry-sentry-go-dev, 0.11.0), built offline in GOPATH mode.
const GO = '/usr/bin/go';
const SDK_SOURCES = '/usr/share/gocode';
const APP_GOPATH = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/sdk-go');
const missing = missingTool([
  { command: GO, args: ['version'], debianPackage: 'golang-go' },
  { command: 'test', args: ['-f', `${SDK_SOURCES}/src/github.com/getsentry/sentry-go/sentry.go`], debianPackage: 'golang-github-getsentry-sentry-go-dev' },
]);
if (missing) console.warn(`test/sdk-go.test.ts skipped: ${missing}`);

let lookout: TestLookout;
let run: AppRun;
let buildDir = '';

const eventOf = (name: string) => lookout.api<EventDetail>(`events/${run.ids.get(name) ?? `no event named ${name}`}`);
const framesOf = (event: EventDetail): SentryFrame[] => event.payload.exception?.values?.at(-1)?.stacktrace?.frames ?? [];
const issueTitled = async (title: string) => (await lookout.api<Page<IssueSummary>>('issues?limit=100')).items.find((i) => i.title === title);

describe.skipIf(missing !== null)(`sentry-go 0.11 against the server${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'lookout-sdk-go-'));
    // Once per file, with its own build cache: ~3 s here, most of it compiling sentry-go.
    const build = spawnSync(GO, ['build', '-o', join(buildDir, 'shopapp'), 'shopapp'], {
      cwd: buildDir, encoding: 'utf8', timeout: 50_000,
      env: { ...process.env, GO111MODULE: 'off', GOPATH: `${SDK_SOURCES}:${APP_GOPATH}`, GOCACHE: join(buildDir, 'cache'), GOFLAGS: '' },
    });
    if (build.status !== 0) throw new Error(`go build failed: ${build.stderr}`);
    lookout = await startTestLookout();
    run = await runSdkApp(join(buildDir, 'shopapp'), [lookout.dsn]);
  }, 60_000);
  afterAll(async () => {
    await lookout?.stopAndClean();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('stores an errors.Wrap chain, innermost first, as one issue for the same call path', async () => {
    expect(run.exitCode).toBe(0);
    const [first, second] = await Promise.all([eventOf('wrapped-1'), eventOf('wrapped-2')]);
    expect(second!.issueId).toBe(first!.issueId);
    expect(second!.payload.exception?.values?.map((e) => e.type)).toEqual(
      ['syscall.Errno', '*fs.PathError', '*errors.withMessage', '*errors.withStack', '*errors.withMessage', '*errors.withStack']);
    const issue = await lookout.api<IssueDetail>(`issues/${first!.issueId}`);
    expect([issue.count, issue.culprit, issue.title]).toEqual([2, 'main in checkout',
      '*errors.withStack: checkout card 4243: load config: open /nonexistent/shop-config.json: no such file or directory']);
    const top = framesOf(second!).at(-1);
    expect([top?.module, top?.function, top?.in_app]).toEqual(['main', 'checkout', true]);
    expect(top?.context_line).toContain('return errors.Wrapf(err, "checkout card %s", card)');
    expect(top?.pre_context).toHaveLength(5);
  });

  it('groups errors made on different lines of one function together (Go frames group by module and function)', async () => {
    const [negative, over] = await Promise.all([eventOf('invalid--5'), eventOf('invalid-5000')]);
    expect(over!.issueId).toBe(negative!.issueId);
    expect(framesOf(over!).at(-1)?.lineno).not.toBe(framesOf(negative!).at(-1)?.lineno);
    expect(framesOf(over!).at(-1)?.module).toBe('shopapp/billing');
    expect(over!.culprit).toBe('shopapp/billing in Validate');
  });

  it('reports the panic sentry.Recover caught: fatal, standard library frames not in-app, runtime frames left out', async () => {
    const issue = await issueTitled('runtime.errorString: runtime error: integer divide by zero');
    expect(issue).toMatchObject({ level: 'fatal', culprit: 'shopapp/billing in (*Ledger).Sort.func1' });
    const events = (await lookout.api<Page<{ eventId: string }>>(`issues/${issue!.id}/events`)).items;
    const event = await lookout.api<EventDetail>(`events/${events[0]!.eventId}`);
    const frames = framesOf(event);
    expect(frames.map((f) => f.module)).not.toContain('runtime');
    const library = frames.filter((f) => f.module === 'sort');
    expect(library.length).toBeGreaterThan(0);
    expect(library.every((f) => f.in_app === false)).toBe(true);
    expect(frames.filter((f) => f.in_app).map((f) => f.function)).toEqual(['main', 'settle', '(*Ledger).Sort', '(*Ledger).Sort.func1']);
    expect(event.payload.breadcrumbs?.values).toContainEqual(expect.objectContaining({ category: 'cart', message: 'loaded cart c-42' }));
  });

  it('groups CaptureMessage by its parameterized text', async () => {
    const event = await eventOf('message');
    expect([event.title, event.level]).toEqual(['cache miss for key 42', 'info']);
    const app = event.grouping?.variants.find((v) => v.name === 'app');
    expect(JSON.stringify(app?.explanation)).toContain('cache miss for key <int>');
  });

  it('tags runtime and os as Sentry derives them from the contexts Go sends', async () => {
    const event = await eventOf('wrapped-1');
    expect(event.payload.contexts?.os).toMatchObject({ name: 'linux' });
    const tags = new Map((await lookout.api<IssueDetail>(`issues/${event.issueId}`)).tags.map((t) => [t.key, t.values.map((v) => v.value)]));
    expect(tags.get('runtime')?.[0]).toMatch(/^go go1\.\d+/);
    expect(tags.get('runtime.name')).toEqual(['go']);
    expect(tags.get('os.name')).toEqual(['linux']);
    expect(tags.has('os')).toBe(false); // Go sends no OS version: Sentry makes no "{name} {version}" tag
    expect((await lookout.api<Page<IssueSummary>>('issues?query=runtime.name:go')).items).toHaveLength(4);
  });

  it('shows the transaction as a trace and exports the issue as a bug report', async () => {
    const traces = (await lookout.api<Page<TraceSummary>>('traces')).items;
    expect(traces).toContainEqual(expect.objectContaining({ rootName: 'process-order', rootOp: 'task', spanCount: 2 }));
    const { issueId } = await eventOf('wrapped-1');
    const report = await (await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=md`)).text();
    expect(report).toContain('Culprit: `main in checkout`');
    expect(report).toContain('**\\*fs.PathError**');
    expect(report).toMatch(/```go\n[\s\S]*> *\d+ \|\s+return errors\.Wrapf\(err, "checkout card %s", card\)/);
    expect(report).toContain('| **OS** | `linux` |');
  });
});
