import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { makeDatabasePrivate } from "./private-files";

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const mode = (p: string) => fs.statSync(p).mode & 0o777;

test("a database created world-readable (as prisma migrate deploy leaves it) becomes owner-only, with its WAL and data directory", () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nd-private-"));
  const data = path.join(dir, "data");
  fs.mkdirSync(data, { mode: 0o755 });
  fs.chmodSync(data, 0o755);
  const db = path.join(data, "netdiag.db");
  for (const f of [db, `${db}-wal`]) fs.writeFileSync(f, "", { mode: 0o644 });
  fs.chmodSync(db, 0o644);

  makeDatabasePrivate(db, data);
  expect([mode(data), mode(db), mode(`${db}-wal`)]).toEqual([0o700, 0o600, 0o600]);
});

test("a database elsewhere is made private without touching the directory it sits in", () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nd-private-"));
  fs.chmodSync(dir, 0o755);
  const db = path.join(dir, "shared", "netdiag.db");
  makeDatabasePrivate(db, path.join(dir, "data"));
  expect(mode(path.join(dir, "shared"))).toBe(0o700); // created by netdiag: private
  fs.chmodSync(path.join(dir, "shared"), 0o755);
  fs.writeFileSync(db, "", { mode: 0o666 });
  makeDatabasePrivate(db, path.join(dir, "data"));
  expect([mode(path.join(dir, "shared")), mode(db)]).toEqual([0o755, 0o600]);
});
