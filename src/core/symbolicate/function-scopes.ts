/**
 * A small JavaScript scanner that finds function scopes in generated (minified) code and the
 * tokens that name them, so a frame's minified function name can be rebuilt from the source
 * map's `names` (the way Sentry's symbolicator names JS frames). It tokenises just enough —
 * strings, templates, comments, regex literals, brackets — to keep brace nesting right, and
 * runs in one linear pass.
 */

export interface NameToken {
  text: string;
  offset: number;
}

export interface FunctionScope {
  start: number;
  end: number;
  parent: number;
  name: NameToken[];
  isConstructor: boolean;
}

interface Tok {
  kind: 'ident' | 'punct' | 'other';
  text: string;
  offset: number;
}

interface Opener {
  kind: '{' | '(' | '[' | '${' | 'arrow';
  scope: number;
  className?: NameToken[] | undefined;
  before?: Tok[];
}

const MAX_SCOPES = 500_000;
const MAX_DEPTH = 10_000;
const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'typeof', 'await', 'yield', 'new', 'delete', 'void', 'in', 'of', 'instanceof', 'do', 'else', 'case', 'throw', 'super', 'import']);
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c === 35 || c >= 128;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** `NAME =` / `NAME :` right before a function or class: the name V8 would infer. */
function inferName(before: readonly Tok[]): NameToken[] {
  let k = before.length - 1;
  if (before[k]?.text === 'async') k--;
  const op = before[k];
  const id = before[k - 1];
  if (op && (op.text === '=' || op.text === ':') && id?.kind === 'ident' && !CONTROL.has(id.text)) {
    return [{ text: id.text, offset: id.offset }];
  }
  return [];
}

function regexAllowed(prev: Tok | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'punct') return prev.text !== ')' && prev.text !== ']';
  if (prev.kind === 'ident') return REGEX_AFTER_WORD.has(prev.text);
  return false;
}

/** Finds function scopes (sorted by start) in `code`. Never throws; stops at the safety limits. */
export function scanFunctionScopes(code: string): FunctionScope[] {
  const scopes: FunctionScope[] = [];
  const stack: Opener[] = [];
  const history: Tok[] = [];
  const n = code.length;
  let lastParenBefore: Tok[] | null = null;
  let pendingArrow: NameToken[] | null = null;
  let pendingClass: { depth: number; name: NameToken[]; awaitingName: boolean; before: Tok[] } | null = null;

  const enclosingScope = (): number => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const o = stack[k];
      if (o && o.scope >= 0) return o.scope;
    }
    return -1;
  };
  const openScope = (name: NameToken[], start: number, isConstructor = false): number => {
    scopes.push({ start, end: n, parent: enclosingScope(), name, isConstructor });
    return scopes.length - 1;
  };
  const classOfTop = (): NameToken[] | undefined => stack[stack.length - 1]?.className;
  const qualify = (name: NameToken[]): NameToken[] => (name.length > 0 ? [...(classOfTop() ?? []), ...name] : name);
  const popArrows = (at: number): void => {
    for (let top = stack[stack.length - 1]; top?.kind === 'arrow'; top = stack[stack.length - 1]) {
      const s = scopes[top.scope];
      if (s) s.end = at;
      stack.pop();
    }
  };
  const push = (kind: Tok['kind'], text: string, offset: number): void => {
    if (pendingClass?.awaitingName) {
      pendingClass.awaitingName = false;
      pendingClass.name = kind === 'ident' && text !== 'extends' ? [{ text, offset }] : inferName(pendingClass.before);
    }
    history.push({ kind, text, offset });
    if (history.length > 8) history.shift();
  };
  const skipTemplate = (from: number): { next: number; opensExpr: boolean } => {
    for (let p = from; p < n; p++) {
      const c = code.charCodeAt(p);
      if (c === 92) p++;
      else if (c === 96) return { next: p + 1, opensExpr: false };
      else if (c === 36 && code.charCodeAt(p + 1) === 123) return { next: p + 2, opensExpr: true };
    }
    return { next: n, opensExpr: false };
  };
  const openBrace = (at: number): Opener => {
    const prev = history[history.length - 1];
    if (pendingArrow) {
      const name = qualify(pendingArrow);
      pendingArrow = null;
      return { kind: '{', scope: openScope(name, at) };
    }
    if (pendingClass && pendingClass.depth === stack.length) {
      const className = pendingClass.awaitingName ? inferName(pendingClass.before) : pendingClass.name;
      pendingClass = null;
      return { kind: '{', scope: -1, className };
    }
    if (prev?.text === ')' && lastParenBefore) {
      const b = lastParenBefore;
      const b1 = b[b.length - 1];
      const b2 = b[b.length - 2];
      const b3 = b[b.length - 3];
      if (b1?.text === 'function' || (b1?.text === '*' && b2?.text === 'function')) {
        return { kind: '{', scope: openScope(qualify(inferName(b.slice(0, b1.text === '*' ? -2 : -1))), at) };
      }
      if (b1?.kind === 'ident' && (b2?.text === 'function' || (b2?.text === '*' && b3?.text === 'function'))) {
        return { kind: '{', scope: openScope([{ text: b1.text, offset: b1.offset }], at) };
      }
      if (b1?.kind === 'ident' && !CONTROL.has(b1.text) && b2?.text !== '.') {
        const cls = classOfTop();
        if (b1.text === 'constructor' && cls) return { kind: '{', scope: openScope(cls, at, true) };
        return { kind: '{', scope: openScope(qualify([{ text: b1.text, offset: b1.offset }]), at) };
      }
      if (b1 && (b1.kind === 'other' || b1.text === ']') && (b2?.text === '{' || b2?.text === ',' || b2?.text === ';' || b2?.text === '}' || b1.text === ']')) {
        return { kind: '{', scope: openScope([], at) };
      }
    }
    return { kind: '{', scope: -1 };
  };

  let i = 0;
  while (i < n && scopes.length < MAX_SCOPES && stack.length < MAX_DEPTH) {
    const c = code.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0 || c === 0x2028 || c === 0x2029) {
      i++;
      continue;
    }
    if (c === 47 && code.charCodeAt(i + 1) === 47) {
      const lf = code.indexOf('\n', i);
      i = lf === -1 ? n : lf + 1;
      continue;
    }
    if (c === 47 && code.charCodeAt(i + 1) === 42) {
      const end = code.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (pendingArrow && c !== 123) {
      // expression-bodied arrow: a scope that ends at the next `,` `;` or closer at its level
      const name = qualify(pendingArrow);
      pendingArrow = null;
      stack.push({ kind: 'arrow', scope: openScope(name, i) });
    }
    const start = i;
    if (c === 34 || c === 39) {
      for (i++; i < n; i++) {
        const d = code.charCodeAt(i);
        if (d === 92) i++;
        else if (d === c || d === 10) break;
      }
      i++;
      push('other', 'str', start);
    } else if (c === 96) {
      const t = skipTemplate(i + 1);
      i = t.next;
      if (t.opensExpr) stack.push({ kind: '${', scope: -1 });
      push('other', 'tpl', start);
    } else if (c === 47 && regexAllowed(history[history.length - 1])) {
      let inClass = false;
      for (i++; i < n; i++) {
        const d = code.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 10) break;
        else if (d === 91) inClass = true;
        else if (d === 93) inClass = false;
        else if (d === 47 && !inClass) break;
      }
      for (i++; i < n && isIdentPart(code.charCodeAt(i)); i++);
      push('other', 're', start);
    } else if (isIdentStart(c)) {
      for (i++; i < n && isIdentPart(code.charCodeAt(i)); i++);
      const word = code.slice(start, i);
      const afterDot = history[history.length - 1]?.text === '.';
      push('ident', word, start);
      if (word === 'class' && !afterDot) {
        pendingClass = { depth: stack.length, name: [], awaitingName: true, before: history.slice(0, -1) };
      }
    } else if ((c >= 48 && c <= 57) || (c === 46 && code.charCodeAt(i + 1) >= 48 && code.charCodeAt(i + 1) <= 57)) {
      for (i++; i < n && (isIdentPart(code.charCodeAt(i)) || code.charCodeAt(i) === 46); i++);
      push('other', 'num', start);
    } else {
      i++;
      let text = code[start] ?? '';
      if (c === 61 && code.charCodeAt(i) === 62) {
        i++;
        text = '=>';
        const prev = history[history.length - 1];
        const before = prev?.text === ')' && lastParenBefore ? lastParenBefore : history.slice(0, -1);
        pendingArrow = inferName(before);
      } else if (c === 61 || c === 33 || c === 60 || c === 62) {
        while (code.charCodeAt(i) === 61) i++;
        text = code.slice(start, i);
      } else if (c === 40) {
        stack.push({ kind: '(', scope: -1, before: history.slice() });
      } else if (c === 91) {
        stack.push({ kind: '[', scope: -1 });
      } else if (c === 123) {
        stack.push(openBrace(start));
      } else if (c === 41 || c === 93 || c === 125) {
        popArrows(start);
        const top = stack.pop();
        if (top?.kind === '(') lastParenBefore = top.before ?? null;
        if (top && top.kind === '{' && top.scope >= 0) {
          const s = scopes[top.scope];
          if (s) s.end = start;
        }
        if (top?.kind === '${') {
          const t = skipTemplate(i);
          i = t.next;
          if (t.opensExpr) stack.push({ kind: '${', scope: -1 });
          push('other', 'tpl', start);
          continue;
        }
      } else if (c === 44 || c === 59) {
        popArrows(start);
      }
      push('punct', text, start);
    }
  }
  return scopes;
}

/** The innermost scope containing `offset`, or null. `scopes` must come from scanFunctionScopes. */
export function innermostScope(scopes: readonly FunctionScope[], offset: number): FunctionScope | null {
  let lo = 0;
  let hi = scopes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((scopes[mid]?.start ?? Infinity) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = found, steps = 0; k >= 0 && steps < MAX_DEPTH; steps++) {
    const s = scopes[k];
    if (!s) return null;
    if (s.start <= offset && offset <= s.end) return s;
    k = s.parent;
  }
  return null;
}

/**
 * The first scope opening at or after `offset`: a profiler names a function by where it begins
 * (V8: its parameter list), just before the body where its scope opens here.
 */
export function scopeOpeningAfter(scopes: readonly FunctionScope[], offset: number): FunctionScope | null {
  let lo = 0;
  let hi = scopes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((scopes[mid]?.start ?? Infinity) < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return scopes[lo] ?? null;
}
