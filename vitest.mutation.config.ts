import { defineConfig } from 'vitest/config';

// The suites StrykerJS runs per mutant: in-process tests of the modules it mutates. Suites that drive the built CLI
// or a `serve` child never see a mutant (they run out/), and the long fault runs would make each mutant cost minutes.
export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/carriers/adapters.test.ts',
      'electron/carriers/signatures.test.ts',
      'electron/carriers/selection.test.ts',
      'electron/carriers/contract.test.ts',
      'electron/labels/**/*.test.ts',
      'electron/server/**/*.test.ts',
      'electron/store/**/*.test.ts',
      'electron/station/{station,weighing,shipping,handover,outbox}.test.ts',
      'electron/intake/**/*.test.ts',
      'electron/devices/printer/status.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
