import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Outside Next's react-server build, "server-only" throws on import; tests run server code.
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

// Per lab instance, so developers running suites against different labs never share a database.
const labPrefix = process.env.LAB_PREFIX || "ndt";
const integrationDir = path.resolve(import.meta.dirname, `test-results/integration-${labPrefix}`);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          env: {
            LAB_PREFIX: labPrefix,
            DATABASE_URL: `file:${integrationDir}/netdiag.db`,
            NETDIAG_DATA_DIR: integrationDir,
            NETDIAG_COLLECT_INTERVAL: "0",
            // Short enough that the "host hangs" case finishes quickly, long enough for 2 cores.
            NETDIAG_SSH_CONNECT_TIMEOUT_MS: "4000",
            NETDIAG_SSH_COMMAND_TIMEOUT_MS: "8000",
          },
          // One lab, one database: files run one after another so they never race on either.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
