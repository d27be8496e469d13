import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Native addons (hnswlib, onnxruntime, better-sqlite3) are happier in forked processes.
    pool: 'forks',
    setupFiles: ['test/setup-env.ts'],
  },
});
