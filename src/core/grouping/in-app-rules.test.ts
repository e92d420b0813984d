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

describe("Sentry's native in-app rules (all-platforms@2023-01-11)", () => {
  const APP = '/private/var/containers/Bundle/Application/575F9D39-D486-4728-B035-84923A0BE206/Shop.app';
  /** A sentry-cocoa crash whose SDK left in_app unset: frames in their images (`package`), oldest first. */
  const cocoaEvent = (frames: [pkg: string, fn: string][]): SentryEvent => ({
    platform: 'cocoa',
    exception: { values: [{ type: 'EXC_BAD_ACCESS', value: 'KERN_INVALID_ADDRESS at 0x0', stacktrace: {
      frames: frames.map(([pkg, fn], i) => ({ package: pkg, function: fn, instruction_addr: `0x${(0x1000 + i).toString(16)}` })) } }] },
  });

  it("marks the app's bundle in-app (device, simulator, macOS .app, /Users/) and system libraries, Swift and crash reporters not", () => {
    const event = applyInAppRules(cocoaEvent([
      ['/usr/lib/system/libdyld.dylib', 'start'],
      [`${APP}/Shop`, 'main'],
      ['/System/Library/Frameworks/UIKit.framework/UIKit', 'UIApplicationMain'],
      ['/Users/ada/Library/Developer/CoreSimulator/Devices/0D5E/data/Containers/Bundle/Application/9A1C/Shop.app/Shop', 'simulatorFrame'],
      ['/Applications/Shop.app/Contents/MacOS/Shop', 'macFrame'],
      ['/Users/ada/build/libshop.dylib', 'localBuild'],
      [`${APP}/Frameworks/libswiftCore.dylib`, 'swift_retain'],
      [`${APP}/Frameworks/Sentry.framework/Sentry`, 'sentrycrash_handler'],
      [`${APP}/Shop`, '-[SentryClient crash]'],
    ]));
    const inApp = event.exception?.values?.[0]?.stacktrace?.frames?.map((f) => [f.function, f.in_app]);
    expect(inApp).toEqual([
      ['start', false], ['main', true], ['UIApplicationMain', false], ['simulatorFrame', true], ['macFrame', true], ['localBuild', true],
      ['swift_retain', false], ['sentrycrash_handler', false], ['-[SentryClient crash]', false],
    ]);
  });

  it("takes the SDK's own functions out of grouping and names the app's frame as the culprit", () => {
    const event = cocoaEvent([[`${APP}/Shop`, 'main'], [`${APP}/Shop`, 'ViewController.causeCrash(Any) -> ()'], [`${APP}/Shop`, '-[SentryClient crash]']]);
    expect(eventTitle(event).culprit).toBe('ViewController.causeCrash(Any) -> ()');
    const system = computeGrouping(event).variants.find((v) => v.name === 'system');
    const frames = framesOf(system!.explanation);
    const sdkFrame = frames.find((f) => f.children?.some((child) => child.values?.[0] === '-[SentryClient crash]'));
    expect(sdkFrame).toMatchObject({ contributes: false, hint: 'ignored by stack trace rule (family:native function:"?[[]Sentry*" -app -group)' });
    expect(frames.filter((f) => f.contributes).length).toBe(2);
  });

  it('leaves frames of other families alone: a Node frame under /Users/ stays as its SDK set it', () => {
    const event = applyInAppRules({ platform: 'node', exception: { values: [{ type: 'Error', value: 'x', stacktrace: {
      frames: [{ filename: '/Users/ada/app/lib.js', function: 'f', package: '/Users/ada/app', in_app: false }] } }] } });
    expect(event.exception?.values?.[0]?.stacktrace?.frames?.[0]?.in_app).toBe(false);
  });
});
