import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import type { ExplanationNode } from './types';
import { computeGrouping, eventTitle, transactionTitle } from './index';
import { corpusEvent } from './test-support/corpus';

// Events real SDKs sent (getsentry/spotlight fixtures). The corpus holds no Python error or
// message event (its Python envelopes carry transactions only).

function find(node: ExplanationNode | undefined, id: string): ExplanationNode[] {
  if (!node) return [];
  return [...(node.id === id ? [node] : []), ...(node.children ?? []).flatMap((child) => find(child, id))];
}

describe('titles and culprits of corpus events', () => {
  it.each([
    ['node', 'attachments_envelope_with_text.txt', 'Error: Test attachment: attachment.txt', '<anonymous>(attachment.ts)'],
    ['node (Next.js route, transaction wins)', 'envelope_with_nextjs_ansi_escapes.txt', 'Error: Error on API route (POST)', 'POST /api/error'],
    ['browser (React)', 'envelope_javascript.txt', 'SyntaxError: Unexpected end of JSON input', 'JSON.parse(<anonymous>)'],
    ['java (Android)', 'application_x_sentry_envelope-1706290053204.txt', 'RuntimeException: Uncaught Exception from Java.', 'MainActivity'],
    ['php (first line of a multi-line value)', 'envelope_php_error.txt', 'Exception: This will be captured by Sentry', '/index.php in functionFailsForSure'],
    [
      'php (WordPress, culprit from the last in-app frame)',
      'envelope_php_wordpress.txt',
      'Exception: This is a test exception sent from the Sentry WP PHP integration.',
      '/Users/alexbouma/Developer/wp-sentry/src/class-wp-sentry-admin-page.php in WP_Sentry_Admin_Page::generateTestException',
    ],
    ['flutter', 'envelope_with_screenshot.bin', 'FlutterError: Scaffold.of() called with a context that does not contain a Scaffold.', 'dart_try_catch'],
  ])('%s', (_sdk, file, title, culprit) => {
    const result = eventTitle(corpusEvent(file));
    expect(result).toMatchObject({ title, culprit, type: 'error' });
  });

  it.each([
    ['browser pageload', 'envelope_astro_ssr_browser.txt', '/'],
    ['node http.server', 'envelope_astro_ssr_node.txt', 'GET /'],
    ['java http.server', 'envelope_java.txt', 'POST /person/'],
    ['python http.server', 'envelope_python.txt', '/api/0/organizations/{organization_slug}/'],
  ])('titles a transaction by its name (%s)', (_sdk, file, name) => {
    expect(transactionTitle(corpusEvent(file, 'transaction'))).toEqual({ title: name, culprit: name, type: 'transaction', metadata: {} });
  });

  it("prefers the trace context's description, and labels a transaction without a name", () => {
    const event = { ...corpusEvent('envelope_java.txt', 'transaction'), contexts: { trace: { description: 'checkout\nsecond line' } } };
    expect(transactionTitle(event)).toMatchObject({ title: 'checkout', culprit: 'POST /person/' });
    expect(transactionTitle({ transaction: '  ' })).toMatchObject({ title: '<unlabeled transaction>', culprit: null });
  });

  it('titles text printed with terminal colours without its escape codes, which stay in the metadata', () => {
    const message = '\x1b[31mDatabase\x1b[39m \x1b[1mdown\x1b[22m\nretrying';
    expect(eventTitle({ message })).toMatchObject({ title: 'Database down', metadata: { message } });
    const value = '\x1b[33mpayment failed\x1b[0m for c-42';
    expect(eventTitle({ exception: { values: [{ type: 'Error', value }] } })).toMatchObject({ title: 'Error: payment failed for c-42', metadata: { value } });
  });

  it('titles a Java log message by its text, with no culprit', () => {
    const result = eventTitle(corpusEvent('envelope_java_formatted_message.txt'));
    expect(result).toEqual({
      title: 'Started SentryDemoApplication in 2.652 seconds (process running for 2.796)',
      culprit: null,
      type: 'default',
      metadata: { message: 'Started SentryDemoApplication in 2.652 seconds (process running for 2.796)' },
    });
  });

  it('falls back to the request URL as culprit of a message without transaction', () => {
    expect(eventTitle(corpusEvent('Capture.Message.txt'))).toMatchObject({ title: 'hitting API', culprit: 'http://localhost:8080/blog/secure-coding-practice', type: 'default' });
  });

  it('keeps type, value and crash location as metadata', () => {
    expect(eventTitle(corpusEvent('envelope_php_error.txt')).metadata).toEqual({
      type: 'Exception',
      value: 'This will be captured by Sentry\n\n\t\t       New Line Test Test ^^^^^',
      function: 'functionFailsForSure',
      filename: '/index.php',
    });
  });

  it('titles a synthetic exception by its message where Sentry would say <unknown> (Angular HttpErrorResponse)', () => {
    // A deliberate difference from Sentry: the message the SDK sent is a better title than `<unknown>`.
    expect(eventTitle(corpusEvent('envelope_angular.txt'))).toMatchObject({
      title: 'Http failure response for https://localhost:5001/api/package/search?q=Se: 0 Unknown Error', culprit: null, type: 'default',
    });
  });
});

describe('grouping corpus events', () => {
  it('groups a PHP event whose frames are all in-app by one hash, context lines included', () => {
    const grouping = computeGrouping(corpusEvent('envelope_php_error.txt'));
    expect(grouping.hashes).toHaveLength(1);
    expect(grouping.variants[1]?.explanation.hint).toBe('ignored because hash matches app variant');
    const lines = find(grouping.variants[0]?.explanation, 'context-line');
    expect(lines.at(-1)).toMatchObject({ contributes: true, values: ["throw new \\Exception('This will be captured by Sentry');"] });
  });

  it('takes a /vendor/ frame the SDK marked in-app out of the app, as Sentry\'s rules do (WordPress valet frame)', () => {
    const event = corpusEvent('envelope_php_wordpress.txt');
    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    expect(frames[0]?.abs_path).toContain('/vendor/');
    expect(frames[0]?.in_app).toBe(true);
    const grouping = computeGrouping(event);
    const appFrames = find(grouping.variants[0]?.explanation, 'frame');
    expect(appFrames[0]).toMatchObject({ contributes: false, hint: 'non app frame (marked by stack trace rule: path:**/vendor/** -app)' });
    expect(appFrames.some((frame) => frame.contributes)).toBe(true);
  });

  it('lets the Android system stack group when Sentry rules take the sample app frames out (io.sentry.*)', () => {
    const grouping = computeGrouping(corpusEvent('application_x_sentry_envelope-1706290053204.txt'));
    const [app, system] = grouping.variants;
    expect(grouping.hashes).toEqual([system?.hash]);
    expect(find(app?.explanation, 'stacktrace')[0]?.hint).toBe('ignored because it contains no in-app frames');
    expect(find(system?.explanation, 'frame').some((frame) => frame.hint === 'ignored by stack trace rule (module:io.sentry.* -group)')).toBe(true);
  });

  it('groups a Java message with a crashed thread by that thread, not the text', () => {
    const grouping = computeGrouping(corpusEvent('envelope_java_formatted_message.txt'));
    const system = grouping.variants.find((variant) => variant.name === 'system');
    expect(system?.explanation.children?.[0]?.id).toBe('threads');
    expect(find(system?.explanation, 'message')[0]).toMatchObject({ contributes: false, hint: 'ignored because threads of system take precedence' });
  });

  it('ignores file names of frames served from a URL (Flutter web)', () => {
    const grouping = computeGrouping(corpusEvent('envelope_with_screenshot.bin'));
    const filenames = find(grouping.variants[1]?.explanation, 'filename');
    expect(filenames.length).toBeGreaterThan(0);
    expect(filenames.every((filename) => !filename.contributes && filename.hint === 'ignored because frame points to a URL')).toBe(true);
  });

  it('reads the forms events arrive in: bare exception arrays and string messages', () => {
    const node = corpusEvent('attachments_envelope_with_text.txt');
    const bare = { ...node, exception: node.exception?.values } as unknown as SentryEvent;
    expect(computeGrouping(bare).hashes).toEqual(computeGrouping(node).hashes);
    const message = corpusEvent('Capture.Message.txt');
    expect(typeof message.message).toBe('string');
    const asLogEntry: SentryEvent = { ...message, message: undefined, logentry: { formatted: message.message as string } };
    expect(computeGrouping(asLogEntry).hashes).toEqual(computeGrouping(message).hashes);
  });

  it('groups every corpus event, each into a single preferred hash first', () => {
    for (const file of ['Capture.Message.txt', 'envelope_binary.bin', 'envelope_angular.txt', 'envelope_with_image.txt']) {
      const grouping = computeGrouping(corpusEvent(file));
      expect(grouping.hashes.length).toBeGreaterThan(0);
      expect(grouping.hashes[0]).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});
