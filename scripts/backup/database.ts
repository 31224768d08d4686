// What backup and restore need to know about a netdiag database file, read with raw SQL on
// their own better-sqlite3 connection: they handle the file as a whole, outside the app's
// Prisma client (which would also tighten modes and switch journal modes on open).
import type Database from "better-sqlite3";
import type { SecretContext } from "@/lib/crypto/secrets";

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** The newest applied migration; a UserError when the file is not a netdiag database. */
export function lastMigration(db: Database.Database, file: string): string | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  if (!table) throw new UserError(`${file} is not a netdiag database (it has no _prisma_migrations table)`);
  const row = db
    .prepare("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1")
    .get() as { name: string } | undefined;
  return row?.name ?? null;
}

export type StoredSecret = { envelope: string; ctx: SecretContext; label: string };

/** One encrypted value the key must open, or null when the database holds none. */
export function findStoredSecret(db: Database.Database): StoredSecret | null {
  const host = db
    .prepare("SELECT id, privateKeyEnc, passphraseEnc, passwordEnc FROM Host WHERE privateKeyEnc IS NOT NULL OR passwordEnc IS NOT NULL ORDER BY id LIMIT 1")
    .get() as { id: number; privateKeyEnc: string | null; passwordEnc: string | null } | undefined;
  if (host?.privateKeyEnc) return { envelope: host.privateKeyEnc, ctx: { hostId: host.id, field: "privateKey" }, label: `host ${host.id}'s private key` };
  if (host?.passwordEnc) return { envelope: host.passwordEnc, ctx: { hostId: host.id, field: "password" }, label: `host ${host.id}'s password` };
  const own = db.prepare("SELECT value FROM Setting WHERE key = 'netdiag-ssh-key'").get() as { value: string } | undefined;
  if (own) {
    const parsed = JSON.parse(own.value) as { privateKeyEnc?: unknown };
    if (typeof parsed.privateKeyEnc === "string") return { envelope: parsed.privateKeyEnc, ctx: { app: "sshKey" }, label: "netdiag's own SSH key" };
  }
  return null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The sentence a user sees for a failure, naming the file and the likely cause. */
export function describeFailure(err: unknown, where: string): string {
  if (err instanceof UserError) return err.message;
  const e = err as { code?: string; message?: string };
  if (e.code === "ENOSPC" || e.code === "SQLITE_FULL") return `The disk holding ${where} is full: free some space and run it again (nothing was replaced).`;
  if (e.code === "EACCES" || e.code === "EPERM") return `Permission denied on ${where}: run as the user netdiag runs as.`;
  if (e.code === "EROFS") return `${where} is on a read-only file system.`;
  return `${e.message ?? String(err)}`;
}

/**
 * The SQLite file backup and restore work on. On PostgreSQL the database is the user's own
 * server, backed up with its own tools; the key is the one thing netdiag adds.
 */
export function sqliteFileOrRefuse(file: string | null, verb: "back up" | "restore"): string {
  if (file !== null) return file;
  throw new UserError(
    `netdiag's ${verb} works on its SQLite file; DATABASE_URL is PostgreSQL. Use pg_dump / pg_restore for the database, ` +
      "and keep NETDIAG_SECRET_KEY (or the data folder's secret.key) with the dump: without that key the stored credentials cannot be decrypted.",
  );
}
