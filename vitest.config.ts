import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'worker/**/*.test.ts', 'lab/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Lab start-up in beforeAll builds clusters; on a shared two-core machine it can pass a minute.
    hookTimeout: 120_000,
    // Two cores: real-kubectl tests spawn processes; keep parallelism modest.
    maxWorkers: 2,
    // One module graph per worker instead of one per file: importing the engine again for each of
    // ~300 files cost more than a third of the suite. No test mocks modules or fakes timers, and the
    // engine keeps no mutable module state a test could leak (the bootstrap image cache copies on use).
    isolate: false,
  },
});
