import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { exceptionsOf, framesOf, stacktraceOf, threadsOf } from './event-fields';
import { type FrameFacts, frameFacts } from './frame-facts';

/**
 * Sentry's built-in stack trace rules (enhancement config `all-platforms@2023-01-11`, the one
 * `newstyle:2023-01-11` uses) for the SDK families Lookout sees: which frames are in-app and
 * which are left out of grouping. Native/Android category rules are not modelled.
 * @see https://docs.sentry.io/concepts/data-management/event-grouping/stack-trace-rules/
 */

/** What a frame's path and names look like to the rule matchers (paths lower-cased, `/`-separated). */
interface MatchFrame {
  family: FrameFacts['family'];
  path: string;
  absPath: string;
  filename: string;
  module: string;
  pkg: string;
  functions: readonly string[];
}

interface FrameRule {
  /** The rule as written in Sentry's config, quoted in grouping explanations. */
  text: string;
  matches(frame: MatchFrame): boolean;
  app?: boolean;
  noGroup?: true;
  /** `^-app`: frames closer to the crash are not in-app either. */
  noAppAbove?: true;
}

const pathHas = (part: string) => (f: MatchFrame) => f.path.includes(part);
const moduleStarts = (prefix: string) => (f: MatchFrame) => f.module.startsWith(prefix);
const calls = (name: string) => (f: MatchFrame) => f.functions.includes(name);
const js = (test: (f: MatchFrame) => boolean) => (f: MatchFrame) => f.family === 'javascript' && test(f);

const DART_NO_GROUP = ['sentry', 'sentry_flutter', 'sentry_logging', 'sentry_dio', 'sentry_file', 'sentry_hive', 'sentry_isar', 'sentry_sqflite', 'sentry_drift'];
const DART_NOT_APP = ['sentry_isar', 'sentry_link', 'sentry_firebase_remote_config'];
const JAVA_FRAMEWORKS = ['akka.', 'com.fasterxml.', 'com.microsoft.', 'com.sun.', 'feign.', 'io.opentelemetry.', 'io.sentry.', 'jdk.', 'oauth.', 'org.apache.', 'org.glassfish.', 'org.jboss.', 'org.jdesktop.', 'org.postgresql.', 'org.springframework.', 'org.web3j.', 'reactor.core.', 'scala.', 'sun.'];
const NODE_TICKS = ['runMicrotasks', 'queueMicrotask', 'processTicksAndRejections', 'runNextTicks', 'nextTick'];

const RULES: readonly FrameRule[] = [
  { text: 'family:native stack.package:/data/app/** stack.abs_path:**/*.dart +app', app: true, matches: (f) => f.family === 'native' && f.pkg.startsWith('/data/app/') && f.path.endsWith('.dart') },
  { text: 'family:javascript stack.abs_path:org-dartlang-sdk:///** -app -group', app: false, noGroup: true, matches: js((f) => f.path.startsWith('org-dartlang-sdk:///')) },
  { text: 'family:javascript module:**/packages/flutter/** -app', app: false, matches: js((f) => `/${f.module}`.includes('/packages/flutter/')) },
  { text: 'family:native stack.abs_path:**/packages/flutter/** -app', app: false, matches: (f) => f.family === 'native' && f.path.includes('/packages/flutter/') },
  ...DART_NO_GROUP.map((name): FrameRule => ({ text: `stack.abs_path:package:${name}/** -app -group`, app: false, noGroup: true, matches: (f) => f.path.startsWith(`package:${name}/`) })),
  ...DART_NOT_APP.map((name): FrameRule => ({ text: `stack.abs_path:package:${name}/** -app`, app: false, matches: (f) => f.path.startsWith(`package:${name}/`) })),
  { text: 'family:native stack.abs_path:**/.pub-cache/** -app', app: false, matches: (f) => f.family === 'native' && f.path.includes('/.pub-cache/') },
  { text: 'path:**/vendor/** -app', app: false, matches: pathHas('/vendor/') },
  { text: 'path:**/site-packages/** -app', app: false, matches: pathHas('/site-packages/') },
  { text: 'path:**/dist-packages/** -app', app: false, matches: pathHas('/dist-packages/') },
  { text: 'path:**/node_modules/** -app', app: false, matches: pathHas('/node_modules/') },
  { text: 'module:unpkg/** -app', app: false, matches: moduleStarts('unpkg/') },
  ...['https://unpkg.com/', 'https://cdnjs.cloudflare.com/', 'https://cdn.jsdelivr.net/', 'https://esm.run/'].map(
    (cdn): FrameRule => ({ text: `path:**${cdn}** -app`, app: false, matches: pathHas(cdn) }),
  ),
  { text: 'family:javascript function:reportError ^-app -app', app: false, noAppAbove: true, matches: js(calls('reportError')) },
  { text: 'family:javascript stack.abs_path:webpack:** +app', app: true, matches: js((f) => f.path.startsWith('webpack:')) },
  { text: 'family:javascript stack.abs_path:webpack:** stack.filename:~/*** -app', app: false, matches: js((f) => f.path.startsWith('webpack:') && f.filename.startsWith('~/')) },
  { text: 'family:javascript stack.abs_path:webpack:** stack.filename:**/node_modules/** -app', app: false, matches: js((f) => f.path.startsWith('webpack:') && f.filename.includes('node_modules/')) },
  { text: 'family:javascript stack.abs_path:app:** +app', app: true, matches: js((f) => f.path.startsWith('app:')) },
  { text: 'family:javascript stack.abs_path:app:** stack.filename:**/node_modules/** -app', app: false, matches: js((f) => f.path.startsWith('app:') && f.filename.includes('node_modules/')) },
  ...['@babel/', 'core-js/', 'regenerator-runtime/', 'tslib/'].map(
    (prefix): FrameRule => ({ text: `module:${prefix}** -app -group`, app: false, noGroup: true, matches: moduleStarts(prefix) }),
  ),
  { text: 'family:javascript function:_callSuper -app -group', app: false, noGroup: true, matches: js(calls('_callSuper')) },
  ...NODE_TICKS.map((name): FrameRule => ({ text: `function:${name} -app -group`, app: false, noGroup: true, matches: calls(name) })),
  { text: 'path:**/go/pkg/mod/** -app', app: false, matches: pathHas('/go/pkg/mod/') },
  { text: 'module:io.sentry.* -group', noGroup: true, matches: moduleStarts('io.sentry.') },
  ...JAVA_FRAMEWORKS.map((prefix): FrameRule => ({ text: `module:${prefix}* category=framework -app`, app: false, matches: moduleStarts(prefix) })),
  ...['kotlin.', 'kotlinx.', 'io.ktor.', 'io.netty.'].map((prefix): FrameRule => ({ text: `module:${prefix}* -app`, app: false, matches: moduleStarts(prefix) })),
  { text: 'module:newrelic -app -group', app: false, noGroup: true, matches: (f) => f.module === 'newrelic' },
  { text: 'path:**/*newrelic*/** -app -group', app: false, noGroup: true, matches: (f) => hasDirContaining(f.path, 'newrelic') },
  { text: 'path:**/*LogRocket*/** -app -group', app: false, noGroup: true, matches: (f) => hasDirContaining(f.path, 'logrocket') },
];

// Glob **/*word*/** : some directory name (not the file name) contains the word.
function hasDirContaining(path: string, word: string): boolean {
  const at = path.indexOf(word);
  return at >= 0 && path.lastIndexOf('/', at) >= 0 && path.indexOf('/', at + word.length) >= 0;
}

function normalPath(path: string | undefined): string {
  if (!path) return '';
  const slashed = path.replace(/\\/g, '/').toLowerCase();
  return slashed.startsWith('/') || /^[a-z][\w+.-]*:/.test(slashed) ? slashed : `/${slashed}`;
}

function matchFrame(facts: FrameFacts): MatchFrame {
  const fn = facts.function ?? facts.rawFunction ?? '';
  // Node SDKs report `process.processTicksAndRejections`; JS rules name the bare function.
  const tail = facts.family === 'javascript' ? fn.slice(fn.lastIndexOf('.') + 1) : fn;
  return {
    family: facts.family,
    path: normalPath(facts.absPath ?? facts.filename),
    absPath: (facts.absPath ?? '').toLowerCase(),
    filename: (facts.filename ?? '').replace(/\\/g, '/').toLowerCase(),
    module: facts.module ?? '',
    pkg: (facts.package ?? '').replace(/\\/g, '/').toLowerCase(),
    functions: tail === fn ? [fn] : [fn, tail],
  };
}

/** The effective in-app and grouping flags of one frame, with the reason for each. */
export interface FrameFlags {
  inApp: boolean;
  /** Why: 'sdk', 'default' (nobody set it), or the text of the rule that set it. */
  inAppReason: string;
  /** The rule that takes the frame out of grouping, if any. */
  noGroupRule?: string;
}

/** Flags for a stack trace's frames (oldest first); SDK-set in_app is kept, rules fill the rest. */
export function resolveFrameFlags(frames: readonly FrameFacts[]): FrameFlags[] {
  const flags: FrameFlags[] = [];
  let notAppAbove: string | undefined;
  for (const facts of frames) {
    const frame = matchFrame(facts);
    let ruleApp: boolean | undefined;
    let ruleText: string | undefined;
    let noGroupRule: string | undefined;
    for (const rule of RULES) {
      if (!rule.matches(frame)) continue;
      if (rule.app !== undefined) [ruleApp, ruleText] = [rule.app, rule.text];
      if (rule.noGroup) noGroupRule = rule.text;
      if (rule.noAppAbove) notAppAbove = rule.text;
    }
    if (facts.sdkInApp !== undefined) flags.push({ inApp: facts.sdkInApp, inAppReason: 'sdk', noGroupRule });
    else if (ruleApp !== undefined && ruleText !== undefined) flags.push({ inApp: ruleApp, inAppReason: ruleText, noGroupRule });
    else if (notAppAbove !== undefined) flags.push({ inApp: false, inAppReason: notAppAbove, noGroupRule });
    else flags.push({ inApp: false, inAppReason: 'default', noGroupRule });
  }
  return flags;
}

function stacktraceFrameLists(event: SentryEvent): SentryFrame[][] {
  const lists = exceptionsOf(event).map((exception) => framesOf(stacktraceOf(exception)));
  for (const thread of threadsOf(event)) lists.push(framesOf(stacktraceOf(thread)));
  lists.push(framesOf(stacktraceOf(event)));
  return lists;
}

/**
 * Marks frames `in_app` per Sentry's built-in rules where the SDK left `in_app` unset (frames no
 * rule claims become not in-app, as Sentry defaults them); mutates and returns the event.
 * @see https://docs.sentry.io/platforms/javascript/configuration/in-app/
 */
export function applyInAppRules(event: SentryEvent): SentryEvent {
  for (const frames of stacktraceFrameLists(event)) {
    const flags = resolveFrameFlags(frames.map((frame) => frameFacts(frame, event)));
    frames.forEach((frame, index) => {
      if (typeof frame.in_app !== 'boolean') frame.in_app = flags[index]?.inApp ?? false;
    });
  }
  return event;
}
