import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";

// The committed migrations must build exactly the database the schema describes; a model
// changed without its migration would otherwise only fail on a user's upgrade.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-migrations-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function prisma(args: string[], file: string): string {
  return execFileSync(path.resolve("node_modules/.bin/prisma"), args, {
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Tables as sorted column/foreign-key lists (ALTER TABLE appends columns, so order may differ), plus indexes. */
function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' AND sql IS NOT NULL")
    .all() as { type: string; name: string; sql: string }[];
  const out: string[] = [];
  for (const o of objects) {
    if (o.type !== "table") {
      out.push(`${o.type} ${o.name}: ${o.sql.replace(/\s+/g, " ")}`);
      continue;
    }
    const cols = db.prepare(`PRAGMA table_info("${o.name}")`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[];
    for (const c of cols) out.push(`column ${o.name}.${c.name}: ${c.type} notnull=${c.notnull} default=${String(c.dflt_value)} pk=${c.pk}`);
    const fks = db.prepare(`PRAGMA foreign_key_list("${o.name}")`).all() as { table: string; from: string; to: string; on_delete: string; on_update: string }[];
    for (const f of fks) out.push(`fk ${o.name}.${f.from} -> ${f.table}.${f.to} delete=${f.on_delete} update=${f.on_update}`);
  }
  db.close();
  return out.sort();
}

test("migrations and schema describe the same database", () => {
  const migrated = path.join(dir, "migrated.db");
  const fromSchema = path.join(dir, "from-schema.db");
  prisma(["migrate", "deploy"], migrated);
  // `db push` would do, but it waits a minute on network look-ups here; the same SQL, applied directly:
  const sql = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema", "--script"], fromSchema);
  const db = new Database(fromSchema);
  db.exec(sql);
  db.close();
  expect(schemaOf(migrated)).toEqual(schemaOf(fromSchema));
}, 60_000);
