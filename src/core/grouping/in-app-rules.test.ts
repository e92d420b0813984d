import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { SentryEvent } from '../../shared/sentry';
import type { ExplanationNode } from './types';
import { applyInAppRules, computeGrouping, eventTitle } from './index';
import { captureEach, captureThrown } from './test-support/node-sdk';
import { failAfterTick, insideLibrary } from './test-support/throwers';

const defaultStackLimit = Error.stackTraceLimit;
beforeAll(() => {
  Error.stackTraceLimit = 100;
});
afterAll(() => {
  Error.stackTraceLimit = defaultStackLimit;
});

function framesOf(node: ExplanationNode): ExplanationNode[] {
  return node.id === 'frame' ? [node] : (node.children ?? []).flatMap(framesOf);
}

/** A real SDK event, with in_app removed as SDKs that leave it to the server send it. */
async function eventWithoutInApp(): Promise<SentryEvent> {
  const [event] = await captureEach([() => insideLibrary(createStore as (init: () => never) => unknown)]);
  for (const frame of event?.exception?.values?.[0]?.stacktrace?.frames ?? []) delete frame.in_app;
  return event as SentryEvent;
}

describe('built-in in-app rules', () => {
  it('marks node_modules frames not in-app where the SDK left in_app unset', async () => {
    const event = await eventWithoutInApp();
    expect(applyInAppRules(event)).toBe(event);
    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    const library = frames.filter((frame) => frame.filename?.includes('/node_modules/'));
    expect(library.length).toBeGreaterThan(0);
    expect(library.every((frame) => frame.in_app === false)).toBe(true);
    // Sentry defaults frames no rule claims to not in-app.
    expect(frames.every((frame) => frame.in_app === false)).toBe(true);
  });

  it('leaves in_app the SDK set alone where no rule says otherwise', async () => {
    const [event] = await captureEach([() => insideLibrary(createStore as (init: () => never) => unknown)]);
    const before = event?.exception?.values?.[0]?.stacktrace?.frames?.map((frame) => frame.in_app);
    applyInAppRules(event as SentryEvent);
    expect(event?.exception?.values?.[0]?.stacktrace?.frames?.map((frame) => frame.in_app)).toEqual(before);
    expect(before).toContain(true);
  });

  it('takes a library frame out of the app where the SDK marked every frame in-app (sentry-python 1.x), as Sentry does', () => {
    // What sentry-python 1.9 sends without in_app_include: every frame in_app.
    const pythonEvent = (libraryLine: string): SentryEvent => ({
      platform: 'python',
      exception: { values: [{ type: 'ValueError', value: "invalid literal for int() with base 10: 'abc'", stacktrace: { frames: [
        { filename: 'lib_app.py', abs_path: '/srv/shop/lib_app.py', module: '__main__', function: 'handle_request', lineno: 9,
          context_line: '    return parse_amount(text)', in_app: true },
        { filename: 'fancylib/__init__.py', abs_path: '/srv/shop/venv/lib/python3.11/site-packages/fancylib/__init__.py', module: 'fancylib',
          function: 'parse_amount', lineno: 2, context_line: libraryLine, in_app: true },
      ] } }] },
    });
    const event = applyInAppRules(pythonEvent('    return int(text.strip())'));
    const [app, library] = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    expect(app?.in_app).toBe(true);
    expect(library).toMatchObject({ in_app: false, data: { orig_in_app: 1 } });
    expect(eventTitle(event).culprit).toBe('__main__ in handle_request');
    // The library changing its own code (an upgrade) leaves the app's issue as it was.
    const upgraded = applyInAppRules(pythonEvent('    return int(cleaned, 10)'));
    expect(computeGrouping(upgraded).hashes[0]).toBe(computeGrouping(event).hashes[0]);
  });

  it('lets the system hash decide when no frame is in-app, and says which rule decided', async () => {
    const grouping = computeGrouping(await eventWithoutInApp());
    const [app, system] = grouping.variants;
    expect(app).toMatchObject({ hash: null, contributes: false });
    expect(grouping.hashes).toEqual([system?.hash]);
    const hints = framesOf(app?.explanation as ExplanationNode).map((frame) => frame.hint);
    expect(hints).toContain('non app frame (marked by stack trace rule: path:**/node_modules/** -app)');
    expect(hints).toContain('non app frame (in_app not set)');
  });

  it("leaves Node's tick machinery out of grouping", async () => {
    const error = await failAfterTick().catch((reason: unknown) => reason);
    const event = await captureThrown(() => {
      throw error;
    });
    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    expect(frames.some((frame) => frame.function === 'processTicksAndRejections')).toBe(true);
    const system = computeGrouping(event).variants.find((variant) => variant.name === 'system');
    const tick = framesOf(system?.explanation as ExplanationNode).find((frame) => frame.children?.some((child) => child.values?.[0] === 'processTicksAndRejections'));
    expect(tick).toMatchObject({ contributes: false, hint: 'ignored by stack trace rule (function:processTicksAndRejections -app -group)' });
  });
});
