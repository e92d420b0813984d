import { networkInterfaces } from 'node:os';
import { PortInUseError, startLookout, DEFAULT_MAX_BODY } from '../core/app';
import { builtPrepareWorker } from '../core/pipeline/worker-file';
import { NewerDatabaseError } from '../core/store/db';
import { DataDirInUseError, DataDirNotWritableError } from '../core/data-dir-guard';
import { DEFAULT_PORT, readPortSetting } from '../core/api/port-setting';
import { flag, parseArgs, parseCount, parsePositiveSize, UsageError } from './args';
import { resolveDataDir } from './data-dir';
import { parseFetchHost } from '../shared/fetch-hosts';

export const SERVE_FLAGS = { port: 'value', host: 'value', 'data-dir': 'value', 'max-body': 'value', 'source-root': 'value',
  'max-events': 'value', 'max-age-days': 'value', 'max-bytes': 'value', 'fetch-host': 'value' } as const;

/** `lookout serve`: the engine and the web UI without Electron. */
export async function serve(argv: string[]): Promise<number> {
  const args = parseArgs(argv, SERVE_FLAGS, 0);
  const dataDir = resolveDataDir(flag(args, 'data-dir'));
  const portText = flag(args, 'port') ?? String(readPortSetting(dataDir) ?? DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port ${portText}`);
  const host = flag(args, 'host') ?? '127.0.0.1';
  const maxBody = flag(args, 'max-body');
  let app;
  try {
    app = await startLookout({
      dataDir, port, host, maxBodyBytes: maxBody ? parsePositiveSize(maxBody, 'max-body') : DEFAULT_MAX_BODY,
      sourceRoots: args.flags.get('source-root') ?? [],
      fetchHosts: fetchHostFlags(args),
      retention: retentionFlags(args),
      prepareWorkerFile: builtPrepareWorker(import.meta.url),
    });
  } catch (err) {
    if (err instanceof PortInUseError) {
      process.stderr.write(`Port ${err.port} is already in use: start Lookout on another port with --port N (or --port 0 for any free port).\n`);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL' || code === 'EAI_AGAIN') {
      process.stderr.write(`Cannot listen on --host ${host}: no such address on this machine (${code}).\n`);
      return 1;
    }
    if (err instanceof NewerDatabaseError || err instanceof DataDirInUseError || err instanceof DataDirNotWritableError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  process.stdout.write(`Lookout listening on ${app.url}\n`);
  // Bound to every interface: 0.0.0.0 is no address another device can use; the LAN one is.
  const reachable = host === '0.0.0.0' || host === '::' ? lanUrl(app.port) ?? app.url : app.url;
  process.stdout.write(`DSN: ${reachable.replace('://', '://lookout@')}/1\n`);
  process.stdout.write(`Data: ${dataDir}\n`);
  if (app.token) {
    process.stdout.write(`Warning: listening on ${host}, beyond this machine. Anyone on the network can send events;\n` +
      `the UI and read API need the token: ${reachable}/?token=${app.token}\n`);
  }
  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      process.stderr.write(`${signal}: shutting down, committing in-flight writes...\n`);
      void app.close().then(() => resolveStop());
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

function retentionFlags(args: ReturnType<typeof parseArgs>) {
  const out: { maxEvents?: number; maxAgeDays?: number; maxBytes?: number } = {};
  const events = flag(args, 'max-events');
  const days = flag(args, 'max-age-days');
  const bytes = flag(args, 'max-bytes');
  if (events !== undefined) out.maxEvents = parseCount(events, 'max-events');
  if (days !== undefined) out.maxAgeDays = positive(days, 'max-age-days');
  if (bytes !== undefined) out.maxBytes = parsePositiveSize(bytes, 'max-bytes');
  return out;
}

/** `--fetch-host` values, each a `host` or `host:port` (a pasted URL keeps its host). */
function fetchHostFlags(args: ReturnType<typeof parseArgs>): string[] {
  return (args.flags.get('fetch-host') ?? []).map((value) => {
    const parsed = parseFetchHost(value);
    if ('error' in parsed) throw new UsageError(`--fetch-host ${parsed.error}`);
    return parsed.host;
  });
}

function positive(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
  return n;
}

/** `http://<this machine's first LAN IPv4>:port`, or null without one. */
function lanUrl(port: number): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return `http://${a.address}:${port}`;
  }
  return null;
}
