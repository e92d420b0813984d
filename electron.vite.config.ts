// Desktop build: `electron-vite preview` (npm start: build, then run the built app) and
// `electron-vite dev` (npm run dev: the vite dev server, hot reload, for working on Lookout).
// main: ESM out/main/index.js, package.json dependencies (better-sqlite3 …) left external.
// preload: CommonJS out/preload/index.cjs, because a sandboxed preload cannot be an ES module.
// renderer: the same React app that vite.web.config.ts builds for the headless server.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { devApiProxy } from './scripts/dev-api-proxy.mjs';

const root = dirname(fileURLToPath(import.meta.url));

// In dev, Electron main (started by electron-vite from this process, so it inherits the variable)
// writes the core server's origin here, and the dev server forwards API calls to it.
const devApiFile = resolve(root, 'node_modules/.cache/lookout/dev-api-origin');
process.env.LOOKOUT_DEV_API_FILE = devApiFile;

export default defineConfig({
  main: {
    build: {
      // prepare-worker: the ingest worker thread (see src/core/pipeline/prepare-pool.ts).
      // profile-worker: large profiles aggregated off the main thread (src/core/profile/profile-job.ts).
      lib: { entry: { index: resolve(root, 'src/main/index.ts'), 'prepare-worker': resolve(root, 'src/core/pipeline/prepare-worker.ts'),
        'profile-worker': resolve(root, 'src/core/profile/profile-worker.ts') }, formats: ['es'] },
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(root, 'src/preload/index.ts'), formats: ['cjs'] },
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can only require('electron'): everything else must be bundled in.
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), devApiProxy({ originFile: devApiFile })],
    // electron-vite takes src/renderer/index.html as the input.
    // Minified like vite.web.config.ts: both write out/renderer, which `npm run serve` serves too.
    build: { outDir: resolve(root, 'out/renderer'), minify: 'esbuild' },
  },
});
