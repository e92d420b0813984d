import { UsageError } from './args';
import { serve } from './serve';
import { describeError } from './describe-error';
import { VERSION } from '../core/version';

const USAGE = `Usage: lookout <command> [options]
       lookout --version (-v)

Commands:
  serve    Run the Lookout server and web UI without Electron
           --port N (default 8969, 0 = any free port)  --host ADDR (default 127.0.0.1)
           --data-dir DIR  --max-body SIZE (default 200MiB)  --source-root DIR (repeatable)
           --max-events N  --max-age-days N  --max-bytes SIZE (retention; defaults from settings)
           --fetch-host HOST[:PORT] (repeatable) also fetch scripts and source maps from this host,
             besides localhost (a dev server on the LAN, a VM, a container; adds to Settings' list)
  export   Export issues as bug reports: lookout export ISSUE_ID... --format md|html|json [--out FILE|DIR] [--data-dir D]
           [--no-scrub] [--scrub-emails] [--scrub-ips] [--events N (default 10)] [--no-replay] [--fit]
           --fit: Markdown trimmed to GitHub's 65,536-character issue limit (longest sections first, each says what it left out).
           Scrubbed by default as Sentry's server-side defaults: values under password/secret/token/auth/cookie/
           session-like keys, Authorization/Cookie headers, card numbers, a URL's password. E-mail addresses and IP
           addresses stay unless --scrub-emails / --scrub-ips; --no-scrub exports everything as stored.
           One id: to stdout or --out FILE. Several ids: one file each in --out DIR (lookout-issue-<id>.md|html|json);
           an id that fails is said, the others still exported, and the exit code is 1.
  issues   List issues with the issue list's search: lookout issues [--data-dir D] [--query Q] [--project P]
           [--status unresolved|resolved|ignored|all (default unresolved)] [--limit N (default 25)] [--json]
           (Q as in the UI: free text, key:value tags, is:regressed, level:error, firstSeen:-24h...)
  import   Import a JSON bundle: lookout import FILE [--data-dir D]
  regroup  Recompute every issue after a grouping change: lookout regroup [--data-dir D]
`;

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => serve,
  export: async () => (await import('./export')).exportCommand,
  issues: async () => (await import('./issues')).issuesCommand,
  import: async () => (await import('./import')).importCommand,
  regroup: async () => (await import('./regroup')).regroupCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { process.stdout.write(USAGE); return name ? 0 : 1; }
  if (name === '--version' || name === '-v' || name === 'version') { process.stdout.write(`lookout ${VERSION}\n`); return 0; }
  const load = commands[name];
  if (!load) { process.stderr.write(`Unknown command ${name}.\n\n${USAGE}`); return 1; }
  if (rest.includes('--help') || rest.includes('-h')) { process.stdout.write(USAGE); return 0; }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof UsageError) { process.stderr.write(`${err.message}\n\n${USAGE}`); return 1; }
    process.stderr.write(`${describeError(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
