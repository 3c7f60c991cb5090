import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(__dirname, "..");
const shared = {
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // "server-only" throws outside React Server Components; in tests the lib/ modules run as plain Node code.
      { find: /^server-only$/, replacement: path.join(root, "tests/support/server-only-stub.ts") },
    ],
  },
};

// Integration tests run twice, once per database; each project's global setup creates a throwaway database.
function integrationProject(provider: "sqlite" | "postgresql") {
  return {
    ...shared,
    test: {
      name: `integration-${provider}`,
      include: ["tests/integration/**/*.test.ts"],
      environment: "node",
      globalSetup: [path.join(root, "tests/support/integration-global-setup.ts")],
      setupFiles: [path.join(root, "tests/support/integration-setup.ts")],
      provide: { provider },
      env: { LINKPRESS_TEST_PROVIDER: provider },
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  };
}

// Test files run side by side, one worker per core (integration files wait on their databases much of the time: on a
// 2-core machine 2 workers ran the suite in 274 s against 495 s with 1), each integration worker on a database of its
// own (tests/support/integration-global-setup.ts). TEST_WORKERS overrides the count.
const WORKERS = Number(process.env.TEST_WORKERS) || availableParallelism();

export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    projects: [
      // Property tests run hundreds of cases: on a loaded 2-core machine they need more than the default 5 s.
      { ...shared, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node", testTimeout: 30_000 } },
      integrationProject("sqlite"),
      integrationProject("postgresql"),
    ],
  },
});
