// npm run restore -- FILE [--server-stopped]
// Puts a backup made by `npm run backup` in place of this install's database and key
// (DATABASE_URL, NETDIAG_DATA_DIR), after checking it, and keeps the files it replaces
// beside them as *.before-restore-<time>. The next `npm start` migrates an older backup up.
// Exit 0: restored; 1: refused or failed, nothing replaced; 2: usage.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { createSecretBox, KEY_FILE_NAME } from "@/lib/crypto/secrets";
import { decodeKey, env } from "@/lib/env";
import { extractBackupArchive } from "./archive";
import { describeFailure, findStoredSecret, formatBytes, lastMigration, sqliteFileOrRefuse, UserError } from "./database";
import { processesWithOpen } from "./open-files";

const USAGE = "usage: npm run restore -- FILE [--server-stopped]   (stop netdiag first)";
const MIGRATIONS_DIR = path.resolve(__dirname, "../../prisma/migrations");

function refuseWhileOpen(databaseFile: string, serverStopped: boolean): void {
  const openers = processesWithOpen([databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]);
  if (openers === null) {
    if (serverStopped) return;
    throw new UserError("Cannot tell whether netdiag is running (no /proc on this system): stop it, then run again with --server-stopped");
  }
  if (openers.length > 0) {
    const who = openers.map((o) => `pid ${o.pid}${o.command ? ` (${o.command})` : ""}`).join(", ");
    throw new UserError(`${databaseFile} is open in ${who}: stop netdiag (and anything else using the database), then run restore again`);
  }
}

/** Checks the unpacked database: intact, from this netdiag or an older one, and its secrets open with the key. */
function verify(databaseFile: string, key: Buffer | null): { migration: string | null; secret: string } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const problems = (db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.length !== 1 || problems[0] !== "ok") {
      throw new UserError(`The database in the backup is damaged (PRAGMA integrity_check: ${problems.slice(0, 3).join("; ")})`);
    }
    const migration = lastMigration(db, "the database in the backup");
    const known = fs.existsSync(MIGRATIONS_DIR) ? fs.readdirSync(MIGRATIONS_DIR) : [];
    if (migration !== null && !known.includes(migration)) {
      throw new UserError(`The backup comes from a newer netdiag (its migration ${migration} is unknown here): update netdiag, then restore`);
    }
    const stored = findStoredSecret(db);
    if (!stored) return { migration, secret: "no stored credentials to check" };
    if (!key) throw new UserError("The backup holds encrypted credentials but no key: it cannot be restored usefully");
    try {
      createSecretBox(key).decrypt(stored.envelope, stored.ctx);
    } catch {
      throw new UserError(`The key in the backup does not decrypt ${stored.label}: the backup is damaged or was altered`);
    }
    return { migration, secret: `${stored.label} decrypts with the backup's key` };
  } finally {
    db.close();
  }
}

function moveAside(file: string, stamp: string, moved: string[]): void {
  const aside = (f: string) => f.replace(/(-wal|-shm|-journal)?$/, (suffix) => `.before-restore-${stamp}${suffix}`);
  if (!fs.existsSync(file)) return;
  fs.renameSync(file, aside(file));
  moved.push(aside(file));
}

export function restore(file: string, serverStopped: boolean): string {
  const e = env();
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new UserError(`No backup at ${source}`);
  const dbFile = sqliteFileOrRefuse(e.databaseFile, "restore");
  refuseWhileOpen(dbFile, serverStopped);

  process.umask(0o077);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true, mode: 0o700 });
  // Beside the database, so putting it in place is a rename on one file system.
  const staging = fs.mkdtempSync(path.join(path.dirname(dbFile), ".netdiag-restore-"));
  try {
    const unpacked = extractBackupArchive(source, staging);
    const key = unpacked.keyText === null ? null : decodeKey(unpacked.keyText);
    if (unpacked.keyText !== null && !key) throw new UserError("The key in the backup is damaged (not 32 bytes)");
    const checked = verify(unpacked.databaseFile, key);

    const keyFile = path.join(e.dataDir, KEY_FILE_NAME);
    const envKey = e.secretKey ? decodeKey(e.secretKey) : null;
    if (envKey && key && !envKey.equals(key)) {
      throw new UserError("NETDIAG_SECRET_KEY is set to a different key than the backup's: unset it (the backup's key is then written to the data directory) or set it to the backup's key");
    }

    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const moved: string[] = [];
    let keyNote = !key
      ? "key: none in the backup (nothing is encrypted); the current one is unchanged"
      : "key: NETDIAG_SECRET_KEY (it matches the backup's)";
    if (key && !envKey) {
      fs.mkdirSync(e.dataDir, { recursive: true, mode: 0o700 });
      const current = fs.existsSync(keyFile) ? decodeKey(fs.readFileSync(keyFile, "utf8")) : null;
      if (current?.equals(key)) keyNote = `key: ${keyFile} (already the backup's)`;
      else {
        const tmp = path.join(staging, KEY_FILE_NAME);
        fs.writeFileSync(tmp, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
        moveAside(keyFile, stamp, moved);
        fs.renameSync(tmp, keyFile);
        keyNote = `key: ${keyFile}`;
      }
    }
    // The -wal and -shm belong to the old database: left under the new one's name, SQLite
    // would replay the old WAL onto the restored file.
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) moveAside(f, stamp, moved);
    fs.renameSync(unpacked.databaseFile, dbFile);

    return [
      `netdiag: restored ${source} (made ${unpacked.manifest.createdAt})`,
      `  checked: integrity_check ok, ${checked.secret}`,
      `  database: ${dbFile} (${formatBytes(unpacked.manifest.databaseBytes)}, migration ${checked.migration ?? "none"})`,
      `  ${keyNote}`,
      moved.length > 0 ? `  kept aside: ${moved.join(", ")}` : "  nothing was there before",
      "Start netdiag (npm start): it applies the migrations newer than the backup first.",
    ].join("\n");
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function main(argv: string[]): number {
  const serverStopped = argv.includes("--server-stopped");
  const rest = argv.filter((a) => a !== "--server-stopped");
  const file = rest[0];
  if (rest.length !== 1 || file === undefined || file.startsWith("-")) {
    console.error(USAGE);
    return 2;
  }
  try {
    console.log(restore(file, serverStopped));
    return 0;
  } catch (err) {
    console.error(`netdiag restore failed: ${describeFailure(err, path.resolve(file))}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
