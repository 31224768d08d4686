import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFilePath } from "./lib/database-url.js";

// The schema's datasource reads DATABASE_URL; without a url there the CLI tries to
// download an engine, so make sure it always has one, resolved the same way the app does.
process.env.DATABASE_URL = `file:${databaseFilePath()}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // A folder: one .prisma file per area (base, auth, findings, iperf, ...).
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // SQLite creates the file but not its folder (./data on a fresh clone).
    fs.mkdirSync(path.dirname(databaseFilePath()), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseFilePath() });
  },
});
