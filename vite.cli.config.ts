// The headless CLI (`lookout serve`, bin/lookout.js) as one ESM file for Node 20. Runtime
// dependencies stay external (better-sqlite3 is native and cannot be bundled).
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const dependencies = Object.keys(pkg.dependencies ?? {});
const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export default defineConfig({
  root,
  // Resolve like Node does (not the browser fields some packages carry).
  ssr: { target: 'node', noExternal: true },
  build: {
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      external: [
        ...builtinModules,
        /^node:/,
        ...dependencies,
        ...dependencies.map((name) => new RegExp(`^${escape(name)}/`)),
      ],
      // prepare-worker: the ingest worker thread (see src/core/pipeline/prepare-pool.ts).
      input: {
        index: resolve(root, 'src/cli/index.ts'), 'prepare-worker': resolve(root, 'src/core/pipeline/prepare-worker.ts'),
        // profile-worker: large profiles aggregated off the main thread (src/core/profile/profile-job.ts).
        'profile-worker': resolve(root, 'src/core/profile/profile-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
