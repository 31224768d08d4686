import "server-only";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { makeDatabasePrivate } from "@/lib/private-files";
import { singleton } from "@/lib/singleton";

async function createSqlite(file: string): Promise<PrismaClient> {
  makeDatabasePrivate(file, env().dataDir);
  // journal_mode is stored in the file, so a short-lived connection is enough for it.
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  // Housekeeping deletes old history every hour; with auto_vacuum INCREMENTAL it can hand the
  // freed pages back to the disk a few at a time (lib/queries/housekeeping.ts). Switching a
  // database created without it takes one VACUUM, once, before anything else uses the file.
  // (No log line here: Next's patched console needs a request context this may run outside of.)
  if (Number(conn.pragma("auto_vacuum", { simple: true })) !== 2) {
    conn.pragma("auto_vacuum = INCREMENTAL");
    conn.exec("VACUUM");
  }
  conn.close();
  // `timeout` is better-sqlite3's busy timeout (ms). The adapter holds one connection,
  // and foreign_keys is per connection: without it ON DELETE CASCADE silently does nothing.
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 5000 }), transactionOptions: TRANSACTIONS });
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

// Prisma's defaults (2 s to get a connection, 5 s to finish) fail collections under load: a
// sweep of hundreds of new hosts at NETDIAG_COLLECT_CONCURRENCY (64) has more snapshots to
// store at once than the pool (or SQLite's one connection) serves in 2 s, and each failed as
// "Unable to start a transaction in the given time". They wait their turn instead.
const TRANSACTIONS = { maxWait: 60_000, timeout: 120_000 };

async function createPostgres(url: string): Promise<PrismaClient> {
  // Loaded only on PostgreSQL, so a SQLite install never opens the pg driver.
  const [{ PrismaPg }, pg] = await Promise.all([import("@prisma/adapter-pg"), import("@/lib/generated/prisma-pg/client")]);
  // DateTime columns are timestamp(3) without a zone holding UTC, as Prisma writes them. A
  // server whose TimeZone is local would stamp column defaults (CURRENT_TIMESTAMP) in local
  // time, so the session is UTC, unless the URL sets its own options.
  const options = new URL(url).searchParams.has("options") ? {} : { options: "-c TimeZone=UTC" };
  const client = new pg.PrismaClient({ adapter: new PrismaPg({ connectionString: url, ...options }), transactionOptions: TRANSACTIONS });
  // Both clients come from one set of models (prisma/postgres/schema is generated from
  // prisma/schema), so the API lib/queries uses is the same; only the SQL underneath differs.
  return client as unknown as PrismaClient;
}

/** The process's Prisma client, with pragmas applied. Only lib/queries calls this. */
export function getDb(): Promise<PrismaClient> {
  // One client per process, surviving Next's module reloads in development.
  return singleton("db", () => {
    const e = env();
    return e.databaseFile === null ? createPostgres(e.databaseUrl) : createSqlite(e.databaseFile);
  });
}

/** The database engine in use: the raw SQL of lib/queries differs between the two. */
export const dialect = (): "sqlite" | "postgresql" => env().databaseProvider;
