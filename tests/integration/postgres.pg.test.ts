import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { getDb } from "@/lib/db";

// PostgreSQL's own committed migrations must build exactly the database its schema (generated
// from the SQLite one, scripts/pg-schema.mjs) describes: a model changed without its
// PostgreSQL migration would otherwise only fail on a scale-out user's upgrade.
const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);
const url = process.env.DATABASE_URL ?? "";
const withDb = (name: string) => url.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
const scratch = ["netdiag_drift_migrated", "netdiag_drift_schema"];

async function admin<T>(fn: (c: pg.Client) => Promise<T>, database = url): Promise<T> {
  const c = new pg.Client({ connectionString: database });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const prisma = (args: string[], database: string) =>
  run(path.join(ROOT, "node_modules/.bin/prisma"), args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: database, CHECKPOINT_DISABLE: "1" } });

/** Columns, constraints and indexes as sorted text (ALTER TABLE appends columns, so order may differ). */
async function schemaOf(database: string): Promise<string[]> {
  return admin(async (c) => {
    const cols = await c.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const cons = await c.query(
      `SELECT t.relname AS "table", k.conname AS "name", pg_get_constraintdef(k.oid) AS "def" FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
    );
    const idx = await c.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    return [
      ...cols.rows.map((r) => `column ${r.table_name}.${r.column_name}: ${r.data_type} nullable=${r.is_nullable} default=${r.column_default}`),
      ...cons.rows.map((r) => `constraint ${r.table}.${r.name}: ${r.def}`),
      ...idx.rows.map((r) => `index ${r.indexdef}`),
    ].sort();
  }, database);
}

afterAll(async () => {
  await admin(async (c) => {
    for (const db of scratch) await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });
});

test("PostgreSQL's migrations and its schema describe the same database", async () => {
  await admin(async (c) => {
    for (const db of scratch) {
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${db}`);
    }
  });
  const [migrated, fromSchema] = scratch.map(withDb) as [string, string];
  await prisma(["migrate", "deploy"], migrated);
  const { stdout: sql } = await prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgres/schema", "--script"], fromSchema);
  await admin((c) => c.query(sql), fromSchema);
  const want = await schemaOf(fromSchema);
  expect(want.length).toBeGreaterThan(100);
  expect(await schemaOf(migrated)).toEqual(want);
});

test("the suite's database is PostgreSQL, migrated to the newest migration", async () => {
  const { stdout } = await prisma(["migrate", "status"], url);
  expect(stdout).toContain("Database schema is up to date");
  const tables = await admin((c) => c.query(`SELECT COUNT(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`));
  expect(tables.rows[0].n).toBeGreaterThan(20);
});

test("npm run backup refuses a PostgreSQL database and says what to use instead, keeping the key", async () => {
  const failed = await run("npm", ["run", "-s", "backup", "--", "/tmp/never-written.tar"], { cwd: ROOT, env: process.env }).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toContain("pg_dump");
  expect(failed?.stderr).toContain("NETDIAG_SECRET_KEY");
});

test("times are UTC on a server whose zone is not (the suite's database runs at UTC-3:30)", async () => {
  const zone = await admin((c) => c.query(`SELECT current_setting('TimeZone') AS zone`));
  expect(zone.rows[0].zone).toBe("America/St_Johns");
  // What a column default (CURRENT_TIMESTAMP into timestamp(3)) stamps through netdiag's client.
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<{ now: Date }[]>(`SELECT CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3)) AS "now"`);
  expect(Math.abs(new Date(row!.now).getTime() - Date.now())).toBeLessThan(60_000);
});
