#!/usr/bin/env node
// `lookout` command: runs the CLI bundle built by `npm run build:web` (vite.cli.config.ts).
import { existsSync } from 'node:fs';

const entry = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Lookout is not built yet: run `npm run build:web`');
  process.exit(1);
}
await import(entry.href);
