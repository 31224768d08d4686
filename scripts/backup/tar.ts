// The ustar format (POSIX.1-1988) for netdiag's backup file: one file a user can move,
// list (`tar tvf`) and unpack with any tar, holding the database, the key and a manifest.
// Written here rather than by running Debian's `tar` because that would need the plain key
// and database staged in a directory first and a second program installed wherever
// restore runs (macOS ships bsdtar, busybox a partial tar); the format is 512-byte headers
// and padded data, small enough to own, and only regular files with fixed names are read.
// Pure: headers in, bytes out; the file I/O is in archive.ts.

export const BLOCK = 512;
/** Two zero blocks end an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2);
// 11 octal digits; beyond, GNU tar's base-256 size (first byte 0x80), which every GNU and bsd tar reads.
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

export type TarEntry = { name: string; size: number; mode: number; mtimeS: number };

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TarFormatError";
  }
}

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > length) throw new TarFormatError(`"${value}" does not fit in ${length} bytes`);
  bytes.copy(buf, offset);
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  writeString(buf, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

function checksum(block: Buffer): number {
  let sum = 0;
  // The checksum field itself counts as eight spaces.
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum;
}

/** The 512-byte header of a regular file. */
export function tarHeader(entry: TarEntry): Buffer {
  if (!Number.isSafeInteger(entry.size) || entry.size < 0) throw new TarFormatError(`bad size ${entry.size}`);
  const h = Buffer.alloc(BLOCK);
  writeString(h, 0, 100, entry.name);
  writeOctal(h, 100, 8, entry.mode & 0o7777);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  if (entry.size <= MAX_OCTAL_SIZE) writeOctal(h, 124, 12, entry.size);
  else {
    h[124] = 0x80;
    h.writeBigUInt64BE(BigInt(entry.size), 124 + 4);
  }
  writeOctal(h, 136, 12, Math.max(0, Math.floor(entry.mtimeS)));
  h[156] = "0".charCodeAt(0);
  writeString(h, 257, 6, "ustar\0");
  writeString(h, 263, 2, "00");
  writeString(h, 148, 8, `${checksum(h).toString(8).padStart(6, "0")}\0 `);
  return h;
}

/** Zero bytes after a file's data up to the next block. */
export function paddingFor(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function readString(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

function readOctal(block: Buffer, offset: number, length: number, field: string): number {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError(`the ${field} field is not a number`);
  return text === "" ? 0 : parseInt(text, 8);
}

function readSize(block: Buffer): number {
  if (((block[124] ?? 0) & 0x80) === 0) return readOctal(block, 124, 12, "size");
  const size = block.readBigUInt64BE(124 + 4);
  if ((block.readUInt32BE(124) & 0x7fffffff) !== 0 || size > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new TarFormatError("a file in the archive claims an impossible size");
  }
  return Number(size);
}

/**
 * The entry a header describes, or null for a zero block (the end of the archive). Anything
 * but a regular file (links, directories, pax extensions) is refused: a backup never holds one,
 * and following a link on restore could write outside the data directory.
 */
export function parseTarHeader(block: Buffer): TarEntry | null {
  if (block.length !== BLOCK) throw new TarFormatError("the archive ends inside a header");
  if (block.every((b) => b === 0)) return null;
  if (readOctal(block, 148, 8, "checksum") !== checksum(block)) {
    throw new TarFormatError("a header's checksum is wrong: the file is damaged or not a tar archive");
  }
  const type = String.fromCharCode(block[156] ?? 0);
  const name = readString(block, 0, 100);
  if (type !== "0" && type !== "\0") throw new TarFormatError(`"${name}" is not a regular file (type ${JSON.stringify(type)})`);
  const prefix = readString(block, 345, 155);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size: readSize(block),
    mode: readOctal(block, 100, 8, "mode"),
    mtimeS: readOctal(block, 136, 12, "mtime"),
  };
}
