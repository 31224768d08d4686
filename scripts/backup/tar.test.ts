import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { BLOCK, paddingFor, parseTarHeader, TAR_END, tarHeader, TarFormatError } from "./tar";

const entry = { name: "netdiag.db", size: 1234, mode: 0o600, mtimeS: 1_764_950_000 };

describe("ustar headers", () => {
  test.each([
    ["empty", 0],
    ["one byte", 1],
    ["a block", 512],
    ["a database", 237_568],
    ["above the 8 GiB octal limit (base-256)", 9 * 1024 ** 3],
  ])("%s: the header reads back as written", (_label, size) => {
    const h = tarHeader({ ...entry, size });
    expect(h.length).toBe(BLOCK);
    expect(parseTarHeader(h)).toEqual({ ...entry, size });
  });

  test("padding fills to the next 512-byte block", () => {
    expect([0, 1, 511, 512, 513].map(paddingFor)).toEqual([0, 511, 1, 0, 511]);
  });

  test("a zero block is the end of the archive", () => {
    expect(parseTarHeader(TAR_END.subarray(0, BLOCK))).toBeNull();
  });

  test("a flipped byte fails the checksum", () => {
    const h = tarHeader(entry);
    h[3] = (h[3] ?? 0) ^ 1;
    expect(() => parseTarHeader(h)).toThrow(/checksum is wrong/);
  });

  test.each([
    ["symlink", "2"],
    ["directory", "5"],
    ["pax extension", "x"],
  ])("a %s is refused (a backup holds regular files only)", (_label, type) => {
    const h = tarHeader(entry);
    h[156] = type.charCodeAt(0);
    // Re-sign so only the type is wrong.
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
    expect(() => parseTarHeader(h)).toThrow(TarFormatError);
  });

  test("a name longer than the field is refused rather than cut", () => {
    expect(() => tarHeader({ ...entry, name: "x".repeat(101) })).toThrow(/does not fit/);
  });
});

test("GNU tar lists and unpacks what the headers describe", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-tar-"));
  try {
    const data = Buffer.from("hello\n");
    const archive = Buffer.concat([tarHeader({ ...entry, name: "a.txt", size: data.length }), data, Buffer.alloc(paddingFor(data.length)), TAR_END]);
    fs.writeFileSync(path.join(dir, "x.tar"), archive);
    expect(execFileSync("tar", ["-tvf", "x.tar"], { cwd: dir, encoding: "utf8" })).toMatch(/^-rw------- 0\/0 +6 .* a\.txt$/m);
    execFileSync("tar", ["-xf", "x.tar"], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, "a.txt"), "utf8")).toBe("hello\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
