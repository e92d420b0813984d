#!/usr/bin/env -S node --single-threaded-gc
// `lookout` command: runs the CLI bundle built by `npm run build:web` (vite.cli.config.ts).
// --single-threaded-gc: V8's GC helper threads competed with the main thread and the prepare
// worker for the cores; at 500 events/s on 2 vCPUs, p99 acknowledgement fell from 13.2–25.3 ms
// to 9.2–16.0 ms (11 paired runs, lower in every pair) at no cost in throughput. V8 aborts when
// the flag is set at run time, so it is on the command line (npm's Windows shims read `env -S`).
import { existsSync } from 'node:fs';

const entry = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Lookout is not built yet: run `npm run build:web`');
  process.exit(1);
}
await import(entry.href);
