import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// prisma/postgres/schema is generated from prisma/schema (scripts/pg-schema.mjs); a model
// edited on one side only would give the two engines different data.
test("the PostgreSQL schema is the SQLite schema with its provider and client folder changed", () => {
  expect(() => execFileSync("node", ["scripts/pg-schema.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  const base = fs.readFileSync(path.join("prisma/postgres/schema/base.prisma"), "utf8");
  expect(base).toMatch(/provider = "postgresql"/);
  expect(base).toContain('"../../../lib/generated/prisma-pg"');
  const sqliteModels = fs.readFileSync("prisma/schema/history.prisma", "utf8");
  expect(fs.readFileSync("prisma/postgres/schema/history.prisma", "utf8")).toContain(sqliteModels);
});

test("each engine has its own migrations, locked to its provider", () => {
  expect(fs.readFileSync("prisma/migrations/migration_lock.toml", "utf8")).toContain('provider = "sqlite"');
  expect(fs.readFileSync("prisma/postgres/migrations/migration_lock.toml", "utf8")).toContain('provider = "postgresql"');
});
