/** Minimal `--flag value` / `--flag=value` / `--switch` parsing; unknown flags are an error. */
export interface ParsedArgs { positional: string[]; flags: Map<string, string[]> }

export class UsageError extends Error {}

/** `maxPositional`: more words than this (a typo, a flag without its dashes) are an error, not ignored. */
export function parseArgs(argv: string[], known: Record<string, 'value' | 'switch'>, maxPositional = Infinity): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) { positional.push(arg); continue; }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    let value = 'true';
    if (kind === 'value') {
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        const next = argv[++i];
        if (next === undefined) throw new UsageError(`--${name} needs a value`);
        value = next;
      }
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  if (positional.length > maxPositional) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positional[maxPositional])}${maxPositional === 0 ? ': this command takes options only' : ''}`);
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`invalid size ${v} (examples: 200MiB, 1048576)`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

/** A whole number from `min` up, for counts (`--max-events`, `--events`). */
export function parseCount(v: string, name: string, min = 1): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got ${v})`);
  return n;
}

/** A size above zero (`--max-body`, `--max-bytes`): 0 would refuse every request or delete every event. */
export function parsePositiveSize(v: string, name: string): number {
  const n = parseSize(v);
  if (n <= 0) throw new UsageError(`--${name} must be above 0 (got ${v})`);
  return n;
}
