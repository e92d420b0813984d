import type { FrameFacts } from './frame-facts';

/**
 * Sentry's built-in stack trace rules (enhancement config `all-platforms@2023-01-11`, the one
 * `newstyle:2023-01-11` uses) for the SDK families Lookout sees: which frames are in-app and
 * which are left out of grouping. Native frames are in-app by their image (`package`): an iOS app's
 * bundle, a simulator's, a macOS `.app` or a `/Users/` build is; `/lib/`, `/usr/lib/`, the Swift
 * runtime and crash reporters bundled into the app (Sentry, KSCrash) are not, and the SDK's own
 * functions (`-[SentryClient crash]`, `sentrycrash_*`) leave grouping too. Native/Android category
 * rules, Unreal's and the caller/callee (`^`) rules of C++/Rust borders are not modelled.
 * @see https://docs.sentry.io/concepts/data-management/event-grouping/stack-trace-rules/
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/grouping/enhancer/enhancement-configs/all-platforms@2023-01-11.txt
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

/** The frame field a rule reads first; frames whose field cannot match skip the rule cheaply. */
type RuleField = 'path' | 'module' | 'function' | 'package';

interface FrameRule {
  /** The rule as written in Sentry's config, quoted in grouping explanations. */
  text: string;
  on: RuleField;
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
const KOTLIN = ['kotlin.', 'kotlinx.', 'io.ktor.', 'io.netty.'];
const JS_TRANSPILERS = ['@babel/', 'core-js/', 'regenerator-runtime/', 'tslib/'];
const CDNS = ['https://unpkg.com/', 'https://cdnjs.cloudflare.com/', 'https://cdn.jsdelivr.net/', 'https://esm.run/'];
const NODE_TICKS = ['runMicrotasks', 'queueMicrotask', 'processTicksAndRejections', 'runNextTicks', 'nextTick'];

const native = (test: (f: MatchFrame) => boolean) => (f: MatchFrame) => f.family === 'native' && test(f);
/** Sentry's `package:` glob on a native frame's image path (matched without case, `\\` read as `/`). */
const packageStarts = (prefix: string) => native((f) => f.pkg.startsWith(prefix));
const packageHas = (part: string) => native((f) => f.pkg.includes(part));
/** `family:native path:…`: Sentry's path matcher reads the frame's path, and a bare file name also under `/`. */
const nativePathStarts = (prefix: string) => native((f) => f.path.startsWith(prefix));
/** Sentry-cocoa's and KSCrash's own functions: `-app -group` (Sentry's globs, `?[[]Sentry*` an Objective-C method of a Sentry class). */
const SDK_FUNCTIONS: readonly [string, (name: string) => boolean][] = [
  ['kscm_*', (n) => n.startsWith('kscm_')],
  ['sentrycrashcm_*', (n) => n.startsWith('sentrycrashcm_')],
  ['kscrash_*', (n) => n.startsWith('kscrash_')],
  ['*sentrycrash_*', (n) => n.includes('sentrycrash_')],
  ['"?[[]KSCrash*"', (n) => /^.\[KSCrash/.test(n)],
  ['"?[[]RNSentry*"', (n) => /^.\[RNSentry/.test(n)],
  ['"__*[[]Sentry*"', (n) => /^__.*\[Sentry/.test(n)],
  ['"?[[]Sentry*"', (n) => /^.\[Sentry/.test(n)],
];
/** Native in-app rules, in the config's order (the last that matches wins). */
const NATIVE_RULES: readonly FrameRule[] = [
  { text: 'family:native package:/var/containers/Bundle/Application/** +app', on: 'package', app: true, matches: packageStarts('/var/containers/bundle/application/') },
  { text: 'family:native package:/private/var/containers/Bundle/Application/** +app', on: 'package', app: true, matches: packageStarts('/private/var/containers/bundle/application/') },
  { text: 'family:native package:**/Developer/CoreSimulator/Devices/** +app', on: 'package', app: true, matches: packageHas('/developer/coresimulator/devices/') },
  { text: 'family:native package:**/Containers/Bundle/Application/** +app', on: 'package', app: true, matches: packageHas('/containers/bundle/application/') },
  { text: 'family:native package:**.app/Contents/** +app', on: 'package', app: true, matches: packageHas('.app/contents/') },
  { text: 'family:native package:/Users/** +app', on: 'package', app: true, matches: packageStarts('/users/') },
  { text: 'family:native package:/lib/** -app', on: 'package', app: false, matches: packageStarts('/lib/') },
  { text: 'family:native package:/usr/lib/** -app', on: 'package', app: false, matches: packageStarts('/usr/lib/') },
  { text: 'family:native path:/usr/local/lib/** -app', on: 'path', app: false, matches: nativePathStarts('/usr/local/lib/') },
  { text: 'family:native path:/usr/local/Cellar/** -app', on: 'path', app: false, matches: nativePathStarts('/usr/local/cellar/') },
  { text: 'family:native package:linux-gate.so* -app', on: 'package', app: false, matches: native((f) => f.pkg.startsWith('linux-gate.so')) },
  { text: 'family:native package:**/Frameworks/libswift*.dylib -app', on: 'package', app: false, matches: native((f) => /\/frameworks\/libswift[^/]*\.dylib$/.test(f.pkg)) },
  { text: 'family:native package:**/Frameworks/KSCrash.framework/** -app', on: 'package', app: false, matches: packageHas('/frameworks/kscrash.framework/') },
  { text: 'family:native package:**/Frameworks/SentrySwift.framework/** -app', on: 'package', app: false, matches: packageHas('/frameworks/sentryswift.framework/') },
  { text: 'family:native package:**/Frameworks/Sentry.framework/** -app', on: 'package', app: false, matches: packageHas('/frameworks/sentry.framework/') },
  ...SDK_FUNCTIONS.map(([glob, test]): FrameRule => ({ text: `family:native function:${glob} -app -group`, on: 'function', app: false, noGroup: true,
    matches: native((f) => f.functions.some(test)) })),
];

const RULES: readonly FrameRule[] = [
  ...NATIVE_RULES,
  { text: 'family:native stack.package:/data/app/** stack.abs_path:**/*.dart +app', on: 'package', app: true, matches: (f) => f.family === 'native' && f.pkg.startsWith('/data/app/') && f.path.endsWith('.dart') },
  { text: 'family:javascript stack.abs_path:org-dartlang-sdk:///** -app -group', on: 'path', app: false, noGroup: true, matches: js((f) => f.path.startsWith('org-dartlang-sdk:///')) },
  { text: 'family:javascript module:**/packages/flutter/** -app', on: 'module', app: false, matches: js((f) => `/${f.module}`.includes('/packages/flutter/')) },
  { text: 'family:native stack.abs_path:**/packages/flutter/** -app', on: 'path', app: false, matches: (f) => f.family === 'native' && f.path.includes('/packages/flutter/') },
  ...DART_NO_GROUP.map((name): FrameRule => ({ text: `stack.abs_path:package:${name}/** -app -group`, on: 'path', app: false, noGroup: true, matches: (f) => f.path.startsWith(`package:${name}/`) })),
  ...DART_NOT_APP.map((name): FrameRule => ({ text: `stack.abs_path:package:${name}/** -app`, on: 'path', app: false, matches: (f) => f.path.startsWith(`package:${name}/`) })),
  { text: 'family:native stack.abs_path:**/.pub-cache/** -app', on: 'path', app: false, matches: (f) => f.family === 'native' && f.path.includes('/.pub-cache/') },
  { text: 'path:**/vendor/** -app', on: 'path', app: false, matches: pathHas('/vendor/') },
  { text: 'path:**/site-packages/** -app', on: 'path', app: false, matches: pathHas('/site-packages/') },
  { text: 'path:**/dist-packages/** -app', on: 'path', app: false, matches: pathHas('/dist-packages/') },
  { text: 'path:**/node_modules/** -app', on: 'path', app: false, matches: pathHas('/node_modules/') },
  { text: 'module:unpkg/** -app', on: 'module', app: false, matches: moduleStarts('unpkg/') },
  ...CDNS.map((cdn): FrameRule => ({ text: `path:**${cdn}** -app`, on: 'path', app: false, matches: pathHas(cdn) })),
  { text: 'family:javascript function:reportError ^-app -app', on: 'function', app: false, noAppAbove: true, matches: js(calls('reportError')) },
  { text: 'family:javascript stack.abs_path:webpack:** +app', on: 'path', app: true, matches: js((f) => f.path.startsWith('webpack:')) },
  { text: 'family:javascript stack.abs_path:webpack:** stack.filename:~/*** -app', on: 'path', app: false, matches: js((f) => f.path.startsWith('webpack:') && f.filename.startsWith('~/')) },
  { text: 'family:javascript stack.abs_path:webpack:** stack.filename:**/node_modules/** -app', on: 'path', app: false, matches: js((f) => f.path.startsWith('webpack:') && f.filename.includes('node_modules/')) },
  { text: 'family:javascript stack.abs_path:app:** +app', on: 'path', app: true, matches: js((f) => f.path.startsWith('app:')) },
  { text: 'family:javascript stack.abs_path:app:** stack.filename:**/node_modules/** -app', on: 'path', app: false, matches: js((f) => f.path.startsWith('app:') && f.filename.includes('node_modules/')) },
  ...JS_TRANSPILERS.map((prefix): FrameRule => ({ text: `module:${prefix}** -app -group`, on: 'module', app: false, noGroup: true, matches: moduleStarts(prefix) })),
  { text: 'family:javascript function:_callSuper -app -group', on: 'function', app: false, noGroup: true, matches: js(calls('_callSuper')) },
  ...NODE_TICKS.map((name): FrameRule => ({ text: `function:${name} -app -group`, on: 'function', app: false, noGroup: true, matches: calls(name) })),
  { text: 'path:**/go/pkg/mod/** -app', on: 'path', app: false, matches: pathHas('/go/pkg/mod/') },
  { text: 'module:io.sentry.* -group', on: 'module', noGroup: true, matches: moduleStarts('io.sentry.') },
  ...JAVA_FRAMEWORKS.map((prefix): FrameRule => ({ text: `module:${prefix}* category=framework -app`, on: 'module', app: false, matches: moduleStarts(prefix) })),
  ...KOTLIN.map((prefix): FrameRule => ({ text: `module:${prefix}* -app`, on: 'module', app: false, matches: moduleStarts(prefix) })),
  { text: 'module:newrelic -app -group', on: 'module', app: false, noGroup: true, matches: (f) => f.module === 'newrelic' },
  { text: 'path:**/*newrelic*/** -app -group', on: 'path', app: false, noGroup: true, matches: (f) => hasDirContaining(f.path, 'newrelic') },
  { text: 'path:**/*LogRocket*/** -app -group', on: 'path', app: false, noGroup: true, matches: (f) => hasDirContaining(f.path, 'logrocket') },
];

// Cheap pre-checks: a frame whose field cannot match any rule on that field skips those rules.
const PATH_HINT = /^\/usr\/local\/(?:lib|cellar)\/|\/(?:vendor|site-packages|dist-packages|node_modules|\.pub-cache|go\/pkg\/mod|packages\/flutter)\/|https:\/\/(?:unpkg\.com|cdnjs\.cloudflare\.com|cdn\.jsdelivr\.net|esm\.run)\/|newrelic|logrocket|^(?:org-dartlang-sdk|package|webpack|app):/;
const MODULE_PREFIXES = [...JS_TRANSPILERS, ...JAVA_FRAMEWORKS, ...KOTLIN, 'unpkg/', 'newrelic'];
const FUNCTIONS = new Set([...NODE_TICKS, 'reportError', '_callSuper']);
/** Superset of the native SDK-function globs (`SDK_FUNCTIONS`). */
const NATIVE_FUNCTION_HINT = /kscm_|sentrycrash|kscrash_|\[(?:KSCrash|RNSentry|Sentry)/;

function fieldMayMatch(frame: MatchFrame): Record<RuleField, boolean> {
  return {
    path: PATH_HINT.test(frame.path),
    module: frame.module !== '' && (MODULE_PREFIXES.some((prefix) => frame.module.startsWith(prefix)) || frame.module.includes('packages/flutter/')),
    function: frame.functions.some((name) => FUNCTIONS.has(name) || (frame.family === 'native' && NATIVE_FUNCTION_HINT.test(name))),
    package: frame.pkg !== '',
  };
}

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

/** What the rules say about one frame, independent of its neighbours and of the SDK's in_app. */
interface RuleOutcome {
  app?: boolean;
  appRule?: string;
  noGroupRule?: string;
  noAppAboveRule?: string;
}

function evaluateRules(facts: FrameFacts): RuleOutcome {
  const frame = matchFrame(facts);
  const mayMatch = fieldMayMatch(frame);
  const outcome: RuleOutcome = {};
  for (const rule of RULES) {
    if (!mayMatch[rule.on] || !rule.matches(frame)) continue;
    if (rule.app !== undefined) [outcome.app, outcome.appRule] = [rule.app, rule.text];
    if (rule.noGroup) outcome.noGroupRule = rule.text;
    if (rule.noAppAbove) outcome.noAppAboveRule = rule.text;
  }
  return outcome;
}

// The same frames recur in every event an app sends; remembering rule outcomes per frame
// identity keeps grouping cheap. Bounded: cleared when full.
const outcomes = new Map<string, RuleOutcome>();
const MAX_REMEMBERED = 5000;

const NO_RULE: RuleOutcome = {};
// Superset of what the rules look for, tested on the raw fields: most app frames match nothing.
const RAW_PATH_HINT = /^[\\/]usr[\\/]local[\\/](?:lib|cellar)[\\/]|(?:^|[\\/])(?:vendor|site-packages|dist-packages|node_modules|\.pub-cache|go[\\/]pkg[\\/]mod|packages[\\/]flutter)[\\/]|https:\/\/(?:unpkg\.com|cdnjs\.cloudflare\.com|cdn\.jsdelivr\.net|esm\.run)\/|newrelic|logrocket|^(?:org-dartlang-sdk|package|webpack|app):/i;
const MODULE_HINT = new RegExp(`^(?:${MODULE_PREFIXES.map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})|packages/flutter/`);

// The path test is the costly part and runs for every frame of every event; an app's frames
// share a few paths, so each path's answer is kept (bounded: cleared when full).
const pathHints = new Map<string, boolean>();

function pathMayMatch(path: string): boolean {
  let hint = pathHints.get(path);
  if (hint === undefined) {
    if (pathHints.size >= MAX_REMEMBERED) pathHints.clear();
    pathHints.set(path, (hint = RAW_PATH_HINT.test(path)));
  }
  return hint;
}

function mayMatchAnyRule(facts: FrameFacts): boolean {
  if (facts.package) return true;
  const path = facts.absPath ?? facts.filename;
  if (path && pathMayMatch(path)) return true;
  if (facts.module && MODULE_HINT.test(facts.module)) return true;
  const fn = facts.function ?? facts.rawFunction;
  return fn !== undefined && (FUNCTIONS.has(fn) || FUNCTIONS.has(fn.slice(fn.lastIndexOf('.') + 1))
    || (facts.family === 'native' && NATIVE_FUNCTION_HINT.test(fn)));
}

function ruleOutcome(facts: FrameFacts): RuleOutcome {
  if (!mayMatchAnyRule(facts)) return NO_RULE;
  // Only what the rules read: the file name matters for webpack:/app: paths alone.
  const path = facts.absPath ?? facts.filename ?? '';
  const filename = path.startsWith('webpack:') || path.startsWith('app:') ? facts.filename : '';
  const key = `${facts.family}\u0000${facts.module ?? ''}\u0000${facts.function ?? facts.rawFunction ?? ''}\u0000${facts.package ?? ''}\u0000${filename}\u0000${path}`;
  let outcome = outcomes.get(key);
  if (outcome === undefined) {
    if (outcomes.size >= MAX_REMEMBERED) outcomes.clear();
    outcome = evaluateRules(facts);
    outcomes.set(key, outcome);
  }
  return outcome;
}

// The last stack's facts and flags (see resolveFrameFlags).
let last: { facts: readonly FrameFacts[]; flags: readonly FrameFlags[] } | null = null;

/**
 * Flags for a stack trace's frames (oldest first). The SDK's `in_app` is where Sentry starts, and a
 * matching rule changes it (sentry-python 1.x marks every frame in-app, and Sentry's
 * `site-packages -app` takes library frames out again); without either a frame is not in-app.
 */
export function resolveFrameFlags(frames: readonly FrameFacts[]): readonly FrameFlags[] {
  // The title and grouping ask for the same stack's flags in turn: with the facts read once
  // (readingFrames), the same facts objects give the same flags. Facts are never changed.
  if (last && last.facts.length === frames.length && last.facts.every((facts, index) => facts === frames[index])) return last.flags;
  const flags = flagsOf(frames);
  last = { facts: [...frames], flags };
  return flags;
}

function flagsOf(frames: readonly FrameFacts[]): FrameFlags[] {
  const flags: FrameFlags[] = [];
  let notAppAbove: string | undefined;
  for (const facts of frames) {
    const { app, appRule, noGroupRule, noAppAboveRule } = ruleOutcome(facts);
    notAppAbove = noAppAboveRule ?? notAppAbove;
    if (app !== undefined && appRule !== undefined) flags.push({ inApp: app, inAppReason: appRule, noGroupRule });
    else if (notAppAbove !== undefined) flags.push({ inApp: false, inAppReason: notAppAbove, noGroupRule });
    else if (facts.sdkInApp !== undefined) flags.push({ inApp: facts.sdkInApp, inAppReason: 'sdk', noGroupRule });
    else flags.push({ inApp: false, inAppReason: 'default', noGroupRule });
  }
  return flags;
}
