// netdiag's backup file: a tar of manifest.json, netdiag.db and (when there is one) secret.key.
// Streams the database in 1 MiB chunks, so a large database never sits in memory.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { BLOCK, paddingFor, parseTarHeader, TAR_END, tarHeader, TarFormatError } from "./tar";

export const MANIFEST_NAME = "manifest.json";
export const DATABASE_NAME = "netdiag.db";
export const KEY_NAME = "secret.key";
const CHUNK_BYTES = 1 << 20;
// The manifest and the key are a few hundred bytes: anything larger is not ours.
const SMALL_ENTRY_MAX_BYTES = 64 * 1024;

export const manifestSchema = z.object({
  format: z.literal("netdiag-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  databaseBytes: z.number().int().nonnegative(),
  /** The newest applied migration: restore refuses a backup from a newer netdiag. */
  lastMigration: z.string().nullable(),
  /** Where the key came from; null: there was none yet and the database holds no secret. */
  keySource: z.enum(["file", "NETDIAG_SECRET_KEY"]).nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

function writeBuffer(fd: number, name: string, data: Buffer, mtimeS: number): void {
  writeAll(fd, tarHeader({ name, size: data.length, mode: 0o600, mtimeS }));
  writeAll(fd, data);
  writeAll(fd, Buffer.alloc(paddingFor(data.length)));
}

function writeFileEntry(fd: number, name: string, file: string, mtimeS: number): number {
  const src = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(src).size;
    writeAll(fd, tarHeader({ name, size, mode: 0o600, mtimeS }));
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let copied = 0;
    while (copied < size) {
      const n = fs.readSync(src, chunk, 0, Math.min(CHUNK_BYTES, size - copied), copied);
      if (n === 0) throw new Error(`${file} shrank while it was copied`);
      writeAll(fd, chunk.subarray(0, n));
      copied += n;
    }
    writeAll(fd, Buffer.alloc(paddingFor(size)));
    return size;
  } finally {
    fs.closeSync(src);
  }
}

/** Writes the whole archive to an open file descriptor (the caller creates it 0600 and fsyncs). */
export function writeBackupArchive(fd: number, parts: { manifest: Manifest; databaseFile: string; key: Buffer | null }): void {
  const mtimeS = Date.parse(parts.manifest.createdAt) / 1000;
  writeBuffer(fd, MANIFEST_NAME, Buffer.from(`${JSON.stringify(parts.manifest, null, 2)}\n`), mtimeS);
  writeFileEntry(fd, DATABASE_NAME, parts.databaseFile, mtimeS);
  if (parts.key) writeBuffer(fd, KEY_NAME, Buffer.from(`${parts.key.toString("hex")}\n`), mtimeS);
  writeAll(fd, TAR_END);
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw new TarFormatError("the backup file ends early: it was cut off while being written or copied");
    got += n;
  }
  return buf;
}

export type ExtractedBackup = { manifest: Manifest; databaseFile: string; keyText: string | null };

/**
 * Unpacks a backup into `dir` (a private staging directory): the database as a file there,
 * the manifest and key in memory. Only the three known names are accepted, each once.
 */
export function extractBackupArchive(file: string, dir: string): ExtractedBackup {
  const fd = fs.openSync(file, "r");
  try {
    const total = fs.fstatSync(fd).size;
    const seen = new Map<string, Buffer | null>();
    const databaseFile = path.join(dir, DATABASE_NAME);
    let pos = 0;
    for (;;) {
      if (pos + BLOCK > total) throw new TarFormatError("the backup file ends early: it was cut off while being written or copied");
      const entry = parseTarHeader(readExactly(fd, BLOCK, pos));
      pos += BLOCK;
      if (entry === null) break;
      if (![MANIFEST_NAME, DATABASE_NAME, KEY_NAME].includes(entry.name) || seen.has(entry.name)) {
        throw new TarFormatError(`unexpected "${entry.name}" in the archive: this is not a netdiag backup`);
      }
      if (pos + entry.size > total) throw new TarFormatError("the backup file ends early: it was cut off while being written or copied");
      if (entry.name === DATABASE_NAME) {
        const out = fs.openSync(databaseFile, "wx", 0o600);
        try {
          for (let done = 0; done < entry.size; ) {
            const n = Math.min(CHUNK_BYTES, entry.size - done);
            writeAll(out, readExactly(fd, n, pos + done));
            done += n;
          }
          fs.fsyncSync(out);
        } finally {
          fs.closeSync(out);
        }
        seen.set(entry.name, null);
      } else {
        if (entry.size > SMALL_ENTRY_MAX_BYTES) throw new TarFormatError(`"${entry.name}" is too large for a netdiag backup`);
        seen.set(entry.name, readExactly(fd, entry.size, pos));
      }
      pos += entry.size + paddingFor(entry.size);
    }
    const manifestBytes = seen.get(MANIFEST_NAME);
    if (!manifestBytes || !seen.has(DATABASE_NAME)) throw new TarFormatError("the archive lacks the manifest or the database: this is not a netdiag backup");
    const parsed = manifestSchema.safeParse(JSON.parse(manifestBytes.toString("utf8")));
    if (!parsed.success) throw new TarFormatError("the manifest is not one this netdiag understands (a backup from a newer version?)");
    if (parsed.data.databaseBytes !== fs.statSync(databaseFile).size) throw new TarFormatError("the database in the archive is not the size its manifest says");
    const key = seen.get(KEY_NAME);
    return { manifest: parsed.data, databaseFile, keyText: key ? key.toString("utf8") : null };
  } finally {
    fs.closeSync(fd);
  }
}
