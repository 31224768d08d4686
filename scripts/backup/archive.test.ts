import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { extractBackupArchive, type Manifest, writeBackupArchive } from "./archive";
import { paddingFor, TAR_END, tarHeader } from "./tar";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-archive-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const KEY = Buffer.alloc(32, 7);
// Not a multiple of 512, so padding is exercised; larger than one 1 MiB copy chunk.
const DB = Buffer.from(Array.from({ length: (1 << 20) + 777 }, (_, i) => i % 251));
const manifest = (databaseBytes: number): Manifest => ({
  format: "netdiag-backup",
  version: 1,
  createdAt: "2026-12-05T18:00:00.000Z",
  databaseBytes,
  lastMigration: "20261205130838_host_netdiag_key",
  keySource: "file",
});

function archive(key: Buffer | null = KEY): string {
  fs.writeFileSync(path.join(dir, "src.db"), DB);
  const file = path.join(dir, "b.tar");
  const fd = fs.openSync(file, "wx", 0o600);
  writeBackupArchive(fd, { manifest: manifest(DB.length), databaseFile: path.join(dir, "src.db"), key });
  fs.closeSync(fd);
  return file;
}

const staging = () => fs.mkdtempSync(path.join(dir, "stage-"));

test("what is written unpacks to the same database, key and manifest", () => {
  const out = extractBackupArchive(archive(), staging());
  expect(out.manifest).toEqual(manifest(DB.length));
  expect(fs.readFileSync(out.databaseFile).equals(DB)).toBe(true);
  expect(out.keyText).toBe(`${KEY.toString("hex")}\n`);
});

test("a backup without a key unpacks with none", () => {
  expect(extractBackupArchive(archive(null), staging()).keyText).toBeNull();
});

test.each([
  ["inside the database", (n: number) => Math.floor(n / 2)],
  ["inside the end blocks", (n: number) => n - 600],
])("a file cut off %s is refused as cut off", (_label, cut) => {
  const file = archive();
  fs.truncateSync(file, cut(fs.statSync(file).size));
  expect(() => extractBackupArchive(file, staging())).toThrow(/ends early/);
});

test("an archive with another file in it is not a netdiag backup", () => {
  const data = Buffer.from("#!/bin/sh\n");
  const file = path.join(dir, "other.tar");
  fs.writeFileSync(file, Buffer.concat([tarHeader({ name: "../.bashrc", size: data.length, mode: 0o644, mtimeS: 0 }), data, Buffer.alloc(paddingFor(data.length)), TAR_END]));
  expect(() => extractBackupArchive(file, staging())).toThrow(/unexpected "..\/.bashrc"/);
  expect(fs.existsSync(path.join(dir, ".bashrc"))).toBe(false);
});
