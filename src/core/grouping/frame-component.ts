import { type Component, ignore, leaf, parent, withoutEmpty } from './component';
import { type FrameFacts, hasUrlOrigin } from './frame-facts';

/**
 * The `frame:v1` component: module, filename, function and context line of one frame, cleaned
 * the way Sentry's `strategies/newstyle.py` does.
 * @see https://develop.sentry.dev/backend/grouping/#stack-trace-grouping
 */

const CONTEXT_LINE_PLATFORMS = new Set(['javascript', 'node', 'python', 'php', 'ruby']);
const MAX_CONTEXT_LINE = 120;
const UNKNOWN_JS_FUNCTIONS = new Set(['?', '<anonymous function>', '<anonymous>', 'Anonymous function']);
const LOW_QUALITY_JS_PATHS = new Set(['[native code]', 'native code', 'eval code', '<anonymous>']);

// Java code generators put random suffixes into class names; Sentry replaces them with <auto>.
const JAVA_CODEGEN: readonly RegExp[] = [
  /(sun\.reflect\.Generated(?:Serialization)?ConstructorAccessor)\d+/g,
  /(\$\$\w+?CGLIB\$\$)[a-fA-F0-9]+(?:_[0-9]+)?/g,
  /(\$\$_javassist)(?:_seam)?(?:_[0-9]+)?/g,
  /(\$fn__)\d+/g,
  /(\$\$?EnhancerBy\w+?\$?\$)[a-fA-F0-9]+(?:_[0-9]+)?/g,
  /(\$\$?FastClassBy\w+?\$?\$)[a-fA-F0-9]+(?:_[0-9]+)?/g,
  /(\$\$?HibernateProxy\$?\$)\w+(?:_[0-9]+)?/g,
];
const JAVASSIST = JAVA_CODEGEN[2] as RegExp;

function moduleComponent(facts: FrameFacts): Component {
  const module = facts.module;
  const node = leaf('module', module);
  if (module === undefined) return node;
  if (facts.platform === 'javascript' && module.includes('/') && facts.absPath?.endsWith(module)) {
    return ignore(node, 'ignored bad javascript module');
  }
  if (facts.platform !== 'java') return node;
  if (module.includes('$$Lambda$')) ignore(node, 'ignored java lambda');
  for (const marker of ['sun.reflect.GeneratedMethodAccessor', 'jdk.internal.reflect.GeneratedMethodAccessor']) {
    if (module.startsWith(marker)) return { ...node, values: [marker], hint: 'removed reflection marker' };
  }
  const cleaned = JAVA_CODEGEN.reduce((value, pattern) => value.replace(pattern, '$1<auto>'), module);
  return cleaned === module ? node : { ...node, values: [cleaned], hint: 'removed codegen marker' };
}

function filenameComponent(facts: FrameFacts): Component {
  if (facts.filename === undefined) return leaf('filename', undefined);
  const basename = facts.filename.slice(Math.max(facts.filename.lastIndexOf('/'), facts.filename.lastIndexOf('\\')) + 1).toLowerCase();
  const node = leaf('filename', basename);
  if (hasUrlOrigin(facts.absPath, false)) return ignore(node, 'ignored because frame points to a URL');
  if (basename === '<anonymous>') return ignore(node, 'ignored because filename is anonymous');
  if (basename === '[native code]') return ignore(node, 'ignored because filename suggests native code');
  if (facts.platform === 'java') {
    const cleaned = basename.replace(JAVASSIST, '$1<auto>');
    if (cleaned !== basename) return { ...node, values: [cleaned], hint: 'cleaned javassist parts' };
  }
  return node;
}

function longerThan(line: string, limit: number): boolean {
  if (line.length <= limit) return false;
  let codePoints = 0;
  for (const _char of line) if (++codePoints > limit) return true;
  return false;
}

function contextLineComponent(facts: FrameFacts): Component | undefined {
  const raw = facts.contextLine;
  if (raw === undefined || !CONTEXT_LINE_PLATFORMS.has(facts.platform ?? '')) return undefined;
  const trimmed = raw.trim();
  // Collapsing whitespace is the costly part; most lines only carry indentation.
  const line = /\s\s|[^\S ]/.test(trimmed) ? trimmed.split(/\s+/).join(' ') : trimmed;
  if (!line) return leaf('context-line', undefined);
  const node = leaf('context-line', line);
  if (longerThan(raw, MAX_CONTEXT_LINE)) return ignore(node, 'ignored because line is too long');
  if (facts.family === 'javascript' && !facts.function && hasUrlOrigin(facts.absPath, true)) {
    return ignore(node, 'ignored because file path is a URL and function name is missing');
  }
  return node;
}

function functionComponent(facts: FrameFacts, contextLineContributes: boolean): Component {
  const func = facts.platform === 'csharp' ? facts.rawFunction ?? facts.function : facts.function ?? facts.rawFunction;
  const node = leaf('function', func);
  if (func === undefined) return node;
  if (facts.platform === 'ruby') {
    if (func.startsWith('block ')) return { ...node, values: ['block'], hint: 'ruby block' };
    const erbless = func.replace(/__\d{4,}_\d{4,}$/, '');
    return erbless === func ? node : { ...node, values: [erbless], hint: 'removed generated erb template suffix' };
  }
  if (facts.platform === 'php') {
    if (func.startsWith('[Anonymous') || func.startsWith('class@anonymous\x00')) ignore(node, 'ignored anonymous function');
    const method = func.startsWith('class@anonymous') ? func.slice(func.lastIndexOf('::') + 2) : func;
    return method === func || !func.includes('::') ? node : { ...node, values: [method], hint: 'anonymous class method' };
  }
  if (facts.platform === 'java') return func.startsWith('lambda$') ? ignore(node, 'ignored lambda function') : node;
  if (facts.family === 'native') return func === '<redacted>' || func === '<unknown>' ? ignore(node, 'ignored unknown function') : node;
  if (facts.family !== 'javascript') return node;
  const trimmed = func.slice(func.lastIndexOf('.') + 1);
  const result = trimmed === func ? node : { ...node, values: [trimmed], hint: 'trimmed javascript function' };
  if (facts.sourcemapUsed && contextLineContributes) ignore(result, 'ignored because sourcemap used and context line available');
  return result;
}

/** One frame's component, the same for every variant (variants only mark whole frames out). */
export function frameComponent(facts: FrameFacts): Component {
  const filename = filenameComponent(facts);
  const module = moduleComponent(facts);
  if (module.contributes && filename.contributes) ignore(filename, 'ignored because module takes precedence');
  const contextLine = contextLineComponent(facts);
  const func = functionComponent(facts, contextLine?.contributes ?? false);
  let lowQuality = false;
  if (facts.family === 'javascript') {
    const name = facts.rawFunction ?? facts.function ?? '';
    const shortName = name.slice(name.lastIndexOf('.') + 1);
    if (!shortName) func.contributes = false;
    else if (UNKNOWN_JS_FUNCTIONS.has(shortName) || shortName.endsWith('/<')) ignore(func, 'ignored unknown function name');
    // Sentry reads the frame's own abs_path here: a frame with only `filename: "[native code]"` still groups by its function.
    lowQuality = shortName === 'eval' || LOW_QUALITY_JS_PATHS.has(facts.sentAbsPath ?? '');
  }
  const children = [module, filename, func];
  if (contextLine) children.push(contextLine);
  const frame = parent('frame', withoutEmpty(children));
  return lowQuality ? ignore(frame, 'ignored low quality javascript frame') : frame;
}
