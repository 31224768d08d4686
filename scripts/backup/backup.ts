// npm run backup -- FILE|FOLDER [--force]
// A consistent copy of the live database plus the key that decrypts its credentials, as one
// tar file (archive.ts), safe while the server runs and writes. Exit 0: written; 1: failed
// (nothing left behind under FILE); 2: usage.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { KEY_FILE_NAME } from "@/lib/crypto/secrets";
import { decodeKey, env } from "@/lib/env";
import { type Manifest, writeBackupArchive } from "./archive";
import { describeFailure, findStoredSecret, formatBytes, lastMigration, sqliteFileOrRefuse, UserError } from "./database";

const USAGE = "usage: npm run backup -- FILE|FOLDER [--force]   (FILE must not exist unless --force)";

function readKey(e: ReturnType<typeof env>): { key: Buffer; source: NonNullable<Manifest["keySource"]> } | null {
  if (e.secretKey) return { key: decodeKey(e.secretKey) as Buffer, source: "NETDIAG_SECRET_KEY" };
  const file = path.join(e.dataDir, KEY_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const key = decodeKey(text);
  if (!key) throw new UserError(`${file} does not hold a 32-byte key: a backup of it could not decrypt anything`);
  return { key, source: "file" };
}

/** Puts the finished temp file at `target`; without force, atomically refuses an existing one. */
function publish(tmp: string, target: string, force: boolean): void {
  if (force) return fs.renameSync(tmp, target);
  try {
    fs.linkSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new UserError(`${target} already exists: choose another name or add --force to replace it`);
    // vfat and some network shares have no hard links: check, then rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw err;
    if (fs.existsSync(target)) throw new UserError(`${target} already exists: choose another name or add --force to replace it`);
    return fs.renameSync(tmp, target);
  }
  fs.rmSync(tmp);
}

export function backup(file: string, force: boolean): string {
  const e = env();
  const databaseFile = sqliteFileOrRefuse(e.databaseFile, "back up");
  const named = path.resolve(file);
  // A folder (a mounted USB stick, say) gets a dated file name inside it.
  const target = fs.statSync(named, { throwIfNoEntry: false })?.isDirectory()
    ? path.join(named, `netdiag-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}Z.tar`)
    : named;
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new UserError(`The folder ${dir} does not exist: create it first`);
  if (!force && fs.existsSync(target)) throw new UserError(`${target} already exists: choose another name or add --force to replace it`);
  if (!fs.existsSync(databaseFile)) throw new UserError(`No database at ${databaseFile} (DATABASE_URL): nothing to back up`);

  // Everything this creates holds the key or the credentials.
  process.umask(0o077);
  const started = process.hrtime.bigint();
  const tmpBase = path.join(dir, `.${path.basename(target)}.${process.pid}`);
  const tmpDb = `${tmpBase}.db.tmp`;
  const tmpTar = `${tmpBase}.tar.tmp`;
  try {
    const src = new Database(databaseFile, { fileMustExist: true, timeout: 10_000 });
    let migration: string | null;
    let hasSecret: boolean;
    try {
      migration = lastMigration(src, databaseFile);
      hasSecret = findStoredSecret(src) !== null;
      // VACUUM INTO rather than the backup API (better-sqlite3's db.backup()): it reads in one
      // transaction, which in WAL mode is a snapshot that never blocks the server's writers,
      // whereas sqlite3_backup_step restarts from page 1 whenever another connection writes
      // between steps (sqlite.org/c3ref/backup_finish.html), so a busy server could keep a
      // large backup from ever finishing. It also leaves free pages out of the copy, and keeps
      // auto_vacuum (INCREMENTAL stays INCREMENTAL: checked on SQLite 3.49); the copy's journal
      // mode is DELETE until lib/db.ts switches it to WAL on first open.
      src.prepare("VACUUM INTO ?").run(tmpDb);
    } finally {
      src.close();
    }
    const key = readKey(e);
    if (!key && hasSecret) {
      throw new UserError(`The database holds encrypted credentials but there is no key (${path.join(e.dataDir, KEY_FILE_NAME)} is missing and NETDIAG_SECRET_KEY is unset): they could not be decrypted from this backup`);
    }
    const databaseBytes = fs.statSync(tmpDb).size;
    const manifest: Manifest = {
      format: "netdiag-backup",
      version: 1,
      createdAt: new Date().toISOString(),
      databaseBytes,
      lastMigration: migration,
      keySource: key?.source ?? null,
    };
    const fd = fs.openSync(tmpTar, "wx", 0o600);
    try {
      writeBackupArchive(fd, { manifest, databaseFile: tmpDb, key: key?.key ?? null });
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    publish(tmpTar, target, force);
    // --force may have replaced a file that was readable by others: the key must not be.
    fs.chmodSync(target, 0o600);
    const size = fs.statSync(target).size;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const keyPart = key ? `the secret key (from ${key.source === "file" ? path.join(e.dataDir, KEY_FILE_NAME) : "NETDIAG_SECRET_KEY"})` : "no key (none exists yet and nothing is encrypted)";
    return [
      `netdiag: backup written to ${target} (${formatBytes(size)}, mode 0600) in ${seconds.toFixed(2)} s`,
      `  database ${databaseFile}: ${formatBytes(databaseBytes)}, migration ${migration ?? "none"}`,
      `  ${keyPart}`,
      key ? "It holds the key that decrypts every stored SSH credential: keep it where only you can read it." : "",
    ]
      .filter(Boolean)
      .join("\n");
  } finally {
    fs.rmSync(tmpDb, { force: true });
    fs.rmSync(tmpTar, { force: true });
  }
}

function main(argv: string[]): number {
  const force = argv.includes("--force");
  const rest = argv.filter((a) => a !== "--force");
  const file = rest[0];
  if (rest.length !== 1 || file === undefined || file.startsWith("-")) {
    console.error(USAGE);
    return 2;
  }
  try {
    console.log(backup(file, force));
    return 0;
  } catch (err) {
    console.error(`netdiag backup failed: ${describeFailure(err, path.resolve(file))}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
