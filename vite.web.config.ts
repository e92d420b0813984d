// The renderer as plain web assets for the headless server (`lookout serve`), which serves
// out/renderer itself. Same sources and output folder as the Electron renderer build.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root: resolve(root, 'src/renderer'),
  // Relative asset URLs: the server may mount the UI under any path.
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    reportCompressedSize: false,
  },
});
