import { defineConfig } from 'vitest/config';

// Benchmarks print figures; they assert nothing about time. One file at a time so they don't share the 2 cores.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    // The shift soak reads the heap after a full collection.
    execArgv: ['--expose-gc'],
    testTimeout: 300_000,
    disableConsoleIntercept: true,
    reporters: ['dot'],
  },
});
