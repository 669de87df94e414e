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
    // Three files at a time on two cores: a file's time is partly waiting (for a child process to
    // start, a webhook's time-out, a subscription's event), which a third file fills. On the 2-core
    // machine the PGlite suite took 296 s with two and 267 s with three.
    maxWorkers: 3,
    // Each worker keeps its modules between files: every file starts its own server on its own
    // database anyway, and loading the stack (and compiling PGlite's WebAssembly) once per worker
    // instead of once per file took the suite from about 360 s to about 220 s on 2 cores.
    isolate: false,
  },
});
