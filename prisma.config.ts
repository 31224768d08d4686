import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPgForCli } from "./prisma/pg-cli-adapter";
import { databaseFilePath, databaseUrl } from "./lib/database-url.js";

// One set of models, two providers: prisma/schema (SQLite, the embedded default) and
// prisma/postgres/schema (generated from it by scripts/pg-schema.mjs), each with its own
// committed migrations. DATABASE_URL picks which one the CLI works on.
const file = databaseFilePath();
// The schema's datasource reads DATABASE_URL; without a url there the CLI tries to
// download an engine, so make sure it always has one, resolved the same way the app does.
process.env.DATABASE_URL = file === null ? databaseUrl() : `file:${file}`;
const root = file === null ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // A folder: one .prisma file per area (base, auth, findings, iperf, ...).
  schema: path.join(root, "schema"),
  migrations: { path: path.join(root, "migrations") },
  async adapter() {
    if (file === null) return new PrismaPgForCli({ connectionString: databaseUrl() });
    // SQLite creates the file but not its folder (./data on a fresh clone).
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
