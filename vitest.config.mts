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
// The suite's private PostgreSQL (scripts/pg.sh: port 54000 + LAB_OCTET, loopback only).
const pgUrl = `postgresql://netdiag:netdiag-test-only@127.0.0.1:${54000 + Number(process.env.LAB_OCTET || 214)}/netdiag`;

const integrationEnv = {
  LAB_PREFIX: labPrefix,
  NETDIAG_COLLECT_INTERVAL: "0",
  // Short enough that the "host hangs" case finishes quickly, long enough for 2 cores.
  NETDIAG_SSH_CONNECT_TIMEOUT_MS: "4000",
  NETDIAG_SSH_COMMAND_TIMEOUT_MS: "8000",
};
const integration = {
  environment: "node",
  // One lab, one database: files run one after another so they never race on either.
  // The two projects share the lab too: scripts/test.sh runs them one after the other.
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 180_000,
} as const;

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
          ...integration,
          name: "integration",
          // *.pg.test.ts is about PostgreSQL itself (migrations, several processes on one database).
          include: ["tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/**/*.pg.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          env: { ...integrationEnv, DATABASE_URL: `file:${integrationDir}/netdiag.db`, NETDIAG_DATA_DIR: integrationDir },
        },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          // The same suite against PostgreSQL. *.sqlite.test.ts is about the SQLite file itself
          // (its permissions, `npm run backup` of it), which a PostgreSQL install does not have.
          name: "integration-pg",
          include: ["tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/**/*.sqlite.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          env: { ...integrationEnv, DATABASE_URL: pgUrl, NETDIAG_DATA_DIR: `${integrationDir}-pg` },
        },
      },
    ],
  },
});
