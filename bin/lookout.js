#!/usr/bin/env -S node --single-threaded-gc --max-semi-space-size=4
// `lookout` command: runs the CLI bundle built by `npm run build:web` (vite.cli.config.ts).
// V8 flags for the server (`npm run serve` and the bench use the same, from this line):
// --single-threaded-gc: V8's GC helper threads competed with the main thread and the prepare
//   worker for the cores; at 500 events/s on 2 vCPUs, p99 acknowledgement fell from 13.2–25.3 ms
//   to 9.2–16.0 ms (11 paired runs, lower in every pair) at no cost in throughput. V8 aborts when
//   the flag is set at run time, so it is on the command line (npm's Windows shims read `env -S`).
// --max-semi-space-size=4 (MB): with the default 16 MB young generation the main thread's old
//   generation reached V8's start-marking threshold within a few scavenges, so at 500 events/s it
//   ran a full mark-compact every ~0.5 s (2–5 ms pauses, ~10 ms of marking steps) besides
//   2–3 ms scavenges. At 4 MB: 3 mark-compacts in 20 s instead of 23, scavenges 1.3 ms; p99 median
//   6.52 against 7.30 ms over 6 ABBA pairs, throughput 3,240 against 3,235/s (4 pairs).
import { existsSync } from 'node:fs';

const entry = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Lookout is not built yet: run `npm run build:web`');
  process.exit(1);
}
await import(entry.href);
