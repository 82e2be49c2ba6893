import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the three Electron parts. The `cli` entry of main is the plain-Node `packbench` command
// (headless station, import, device tools); it shares the station code with the Electron main process, and both start
// the `reportThread` and `labelThread` entries as workers.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/entry.ts'),
          // The lead's reports run in a worker thread of their own (electron/station/review/reports.ts finds it).
          reportThread: resolve(__dirname, 'electron/station/review/thread.ts'),
          // Face sheets are drawn and encoded in a worker thread too (electron/labels/thread.ts).
          labelThread: resolve(__dirname, 'electron/labels/thread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: CommonJS, one file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
