import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail, IssueSummary, Page } from '../src/shared/api-types';
import type { SentryFrame } from '../src/shared/sentry';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { missingTool, runSdkApp, type AppRun } from './helpers/sdk-app';

// The real sentry-python (Debian's python3-sentry-sdk, 1.9.10) run by the system Python that has it.
const PYTHON = '/usr/bin/python3';
const APP = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/sdk-python/shop.py');
const missing = missingTool([{ command: PYTHON, args: ['-c', 'import sentry_sdk'], debianPackage: 'python3-sentry-sdk' }]);
if (missing) console.warn(`test/sdk-python.test.ts skipped: ${missing}`);

let lookout: TestLookout;
let run: AppRun;

const id = (name: string): string => run.ids.get(name) ?? `no event named ${name}`;
const eventOf = (name: string) => lookout.api<EventDetail>(`events/${id(name)}`);
const framesOf = (event: EventDetail, index = -1): SentryFrame[] => event.payload.exception?.values?.at(index)?.stacktrace?.frames ?? [];
const tagsOf = async (issueId: number | null) => new Map((await lookout.api<IssueDetail>(`issues/${issueId}`)).tags
  .map((tag) => [tag.key, tag.values.map((v) => v.value)]));

describe.skipIf(missing !== null)(`sentry-python 1.9 against the server${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    lookout = await startTestLookout();
    run = await runSdkApp(PYTHON, [APP, lookout.dsn]);
  }, 60_000);
  afterAll(async () => { await lookout?.stopAndClean(); });

  it('stores the chained exception (raise … from …), cause first, with the source lines the SDK sent', async () => {
    expect(run.exitCode).toBe(1); // the app dies of its unhandled exception, after sending it
    const event = await eventOf('chained');
    expect([event.title, event.culprit, event.platform]).toEqual(['PaymentError: cannot load config for card 4242', '__main__ in checkout', 'python']);
    expect(event.payload.exception?.values?.map((e) => e.type)).toEqual(['FileNotFoundError', 'PaymentError']);
    const top = framesOf(event).at(-1);
    expect(top?.context_line).toContain('raise PaymentError("cannot load config for card " + card) from err');
    expect(top?.pre_context).toHaveLength(5);
    expect(top?.vars).toMatchObject({ card: "'4242'" });
    expect(framesOf(event, 0).at(-1)?.function).toBe('load_config');
  });

  it('groups as Sentry does for Python: by context line, not line number', async () => {
    const [first, second, tooBig, zero] = await Promise.all(['negative-1', 'negative-2', 'too-big', 'zero'].map(eventOf));
    // Two raises on different lines of charge() with the same text are one issue; other text is another.
    expect(second!.issueId).toBe(first!.issueId);
    expect(tooBig!.issueId).toBe(first!.issueId);
    expect(framesOf(tooBig!).at(-1)?.lineno).not.toBe(framesOf(first!).at(-1)?.lineno);
    expect(zero!.issueId).not.toBe(first!.issueId);
    const issue = await lookout.api<IssueDetail>(`issues/${first!.issueId}`);
    expect([issue.count, issue.title, issue.culprit]).toEqual([3, 'ValueError: invalid amount 5000', '__main__ in charge']);
  });

  it('keeps dist-packages frames out of the app: not in-app, not the culprit', async () => {
    const event = await eventOf('library');
    expect(event.title).toBe('ValueError: Timeout value connect was soon, but it must be an int, float or None.');
    const frames = framesOf(event);
    const library = frames.filter((f) => f.abs_path?.includes('/dist-packages/urllib3/'));
    expect(library.length).toBeGreaterThan(0);
    expect(library.every((f) => f.in_app === false)).toBe(true); // the SDK sent in_app: true for every frame
    expect(frames.filter((f) => f.in_app).map((f) => f.function)).toEqual(['main']);
    expect(event.culprit).toBe('__main__ in main');
    const app = event.grouping?.variants.find((v) => v.name === 'app');
    expect(JSON.stringify(app?.explanation)).toContain('path:**/dist-packages/** -app');
  });

  it('groups logging messages by their template, tags the logger, and records log lines as breadcrumbs', async () => {
    const issues = (await lookout.api<Page<IssueSummary>>('issues?query=logger:shop.payments')).items;
    const retries = issues.find((i) => i.title.includes('retries'));
    expect(retries).toMatchObject({ title: 'payment p-10 failed after 3 retries', count: 2, type: 'default' });
    const events = (await lookout.api<Page<{ eventId: string }>>(`issues/${retries!.id}/events`)).items;
    const latest = await lookout.api<EventDetail>(`events/${events[0]!.eventId}`);
    expect(latest.payload.logentry).toMatchObject({ message: 'payment %s failed after %d retries', params: ['p-10', 3] });
    const crumbs = latest.payload.breadcrumbs?.values ?? [];
    expect(crumbs).toContainEqual(expect.objectContaining({ category: 'shop.payments', level: 'info', message: 'loading cart c-42 for user 7' }));

    const logged = issues.find((i) => i.title.startsWith('ValueError'));
    expect(logged).toMatchObject({ title: 'ValueError: zero amount for card 5555', culprit: '__main__ in charge' });
  });

  it('marks the exception nothing caught as unhandled, with the runtime tags Sentry derives', async () => {
    const crash = (await lookout.api<Page<IssueSummary>>('issues?query=handled:no')).items;
    expect(crash.map((i) => i.title)).toEqual(['PaymentError: card 9999 declined']);
    expect(crash[0]?.unhandled).toBe(true);
    const tags = await tagsOf(crash[0]!.id);
    expect(tags.get('mechanism')).toEqual(['excepthook']);
    expect(tags.get('runtime')?.[0]).toMatch(/^CPython 3\.\d+\.\d+$/);
    expect(tags.get('runtime.name')).toEqual(['CPython']);
    expect(tags.get('feature')).toEqual(['checkout']);
    const byRuntime = await lookout.api<Page<IssueSummary>>('issues?query=runtime.name:CPython');
    expect(byRuntime.items.length).toBeGreaterThanOrEqual(6);
  });

  it('shows the transaction and its spans in the trace', async () => {
    const trace = await lookout.api<{ spans: { op: string | null; name: string | null }[] }>(`traces/${id('transaction')}`);
    expect(trace.spans.map((s) => [s.op, s.name])).toEqual(expect.arrayContaining([
      ['task', 'process-order'], ['db.query', 'SELECT * FROM orders'], ['http.client', 'POST https://pay.example/charge'],
    ]));
  });

  it('exports the chained issue as a bug report with both exceptions and their source', async () => {
    const { issueId } = await eventOf('chained');
    const res = await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=md`);
    expect(res.status).toBe(200);
    const report = await res.text();
    expect(report).toContain('# PaymentError: cannot load config for card 4242');
    expect(report).toContain('Culprit: `__main__ in checkout`');
    expect(report).toMatch(/> *\d+ \|\s+raise PaymentError\("cannot load config for card " \+ card\) from err/);
    expect(report).toContain('**FileNotFoundError**');
    expect(report).toMatch(/\*\*Runtime\*\* \| `CPython 3\./);
  });
});
