import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

// A fresh, migrated database for every integration run, made with the same CLI users run:
// a SQLite file, or the suite's own PostgreSQL server (scripts/pg.sh) with its database recreated.
export default function setup(project: TestProject) {
  const url = String(project.config.env.DATABASE_URL);
  const dir = String(project.config.env.NETDIAG_DATA_DIR);
  const root = path.resolve(__dirname, "../..");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" };
  if (url.startsWith("postgresql:")) {
    execFileSync("bash", [path.join(root, "scripts/pg.sh"), "fresh"], { env, stdio: "pipe" });
  }
  if (process.env.NETDIAG_SCHEMA_DIRECT === "1" && url.startsWith("file:")) {
    execFileSync("bash", [path.join(root, "scripts/db-from-schema.sh"), url.slice("file:".length)], { env, stdio: "pipe" });
  } else {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe", cwd: root });
  }
}
