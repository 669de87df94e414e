import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // type-graphql loads graphql through CommonJS; without this alias vite resolves the ESM build
    // and the tests would hold two copies of graphql ("another module or realm").
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: most of a file's time is its own server's work, in its own process.
    maxWorkers: 2,
    // Each worker keeps its modules between files: every file starts its own server on its own
    // database anyway, and loading the stack (and compiling PGlite's WebAssembly) once per worker
    // instead of once per file took the suite from about 360 s to about 220 s on 2 cores.
    isolate: false,
  },
});
