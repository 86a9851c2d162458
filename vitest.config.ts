import { defineConfig } from 'vitest/config';

// Three suites, run one after another (groupOrder). Unit tests sit beside their source; integration and
// end-to-end tests start real processes (ingest, camera-sim, ffmpeg, Chromium) and run one file at a
// time, so they do not compete for this 2-core machine.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['apps/*/src/**/*.test.{ts,tsx}', 'packages/*/src/**/*.test.ts'],
          environment: 'node',
          typecheck: {
            enabled: true,
            tsconfig: './tsconfig.typetests.json',
            include: ['apps/*/src/**/*.test-d.ts', 'packages/*/src/**/*.test-d.ts'],
          },
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
