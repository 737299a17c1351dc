import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file makes its own database and queue names, so files can run side by side.
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: 'default', include: ['tests/**/*.test.ts'] } },
      // The whole pipeline and every conversation once more with the previews in a bucket of a real
      // S3 API server (tests/support/system.ts reads TEST_PREVIEW_STORAGE).
      {
        extends: true,
        test: {
          name: 'previews-on-s3',
          include: ['tests/e2e/**/*.test.ts', 'tests/conversation/**/*.test.ts'],
          env: { TEST_PREVIEW_STORAGE: 's3' },
        },
      },
    ],
  },
});
