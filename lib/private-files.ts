import fs from "node:fs";
import path from "node:path";

// The database holds encrypted SSH credentials, session and token hashes and the whole
// network's inventory: readable by its owner only. `prisma migrate deploy` creates the file
// with the shell's umask (usually 0644 in a 0755 directory), so netdiag tightens it on every
// start; SQLite gives the -wal and -shm files the database file's mode.

/** Makes the SQLite file (and the data directory, when it is netdiag's own) private to the owner. */
export function makeDatabasePrivate(file: string, dataDir: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // A directory the user pointed DATABASE_URL into may be shared (/tmp, /var/lib): only
  // netdiag's own data directory (it also holds the secret key) is narrowed.
  narrow(dataDir, 0o700);
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) narrow(f, 0o600);
}

function narrow(p: string, mode: number): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if ((st.mode & 0o777 & ~mode) !== 0) fs.chmodSync(p, st.mode & mode & 0o777);
}
