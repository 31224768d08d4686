import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LAB_PREFIX } from "./lab";

// lab/replay.sh replaces a host's bin dir with `rm -rf BINDIR`: it must refuse any BINDIR that
// is not a host's directory of the lab's own state, whatever the argument looks like.

const ROOT = path.resolve(__dirname, "../..");
const REPLAY = path.join(ROOT, "lab/replay.sh");
const guardHost = path.join(ROOT, "lab/state", LAB_PREFIX, "hosts", "replay-guard-test");
let outside = "";

function replay(...args: string[]) {
  return spawnSync("bash", [REPLAY, ...args], { cwd: ROOT, encoding: "utf8" });
}

beforeAll(() => {
  outside = fs.mkdtempSync(path.join(os.tmpdir(), "replay-guard-"));
  fs.writeFileSync(path.join(outside, "keep"), "must survive");
  fs.mkdirSync(guardHost, { recursive: true });
});

afterAll(() => {
  fs.rmSync(guardHost, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe("replay.sh BINDIR", () => {
  test.each([
    ["/", "/"],
    ["empty", ""],
    ["the state dir", "lab/state"],
    ["an instance's whole state", `lab/state/${LAB_PREFIX}`],
    ["a host's whole state", `lab/state/${LAB_PREFIX}/hosts/replay-guard-test`],
    ["'..' even when it ends up inside", `lab/state/${LAB_PREFIX}/hosts/replay-guard-test/../replay-guard-test/bin`],
    ["'..' out of the state dir", `lab/state/${LAB_PREFIX}/hosts/x/../../../../../tmp`],
  ])("refuses %s, with --off and with a set", (_, bin) => {
    for (const what of ["--off", "esxi-7"]) {
      const r = replay(bin, what);
      expect(r.status, r.stdout).not.toBe(0);
      expect(r.stderr).toMatch(/replay: error: BINDIR/);
    }
    expect(fs.existsSync(path.join(ROOT, "lab/state"))).toBe(true);
    expect(fs.existsSync(guardHost)).toBe(true);
  });

  test("refuses a directory outside the lab, and a symlink in the lab that leads out of it; neither is touched", () => {
    expect(replay(path.join(outside), "--off").status).not.toBe(0);
    const link = path.join(guardHost, "bin");
    fs.symlinkSync(outside, link);
    try {
      const r = replay(link, "--off");
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/replay: error: BINDIR/);
    } finally {
      fs.unlinkSync(link);
    }
    expect(fs.readFileSync(path.join(outside, "keep"), "utf8")).toBe("must survive");
  });

  test("a host's bin dir in the lab's state is made and removed", () => {
    const bin = path.join(guardHost, "bin");
    const made = replay(bin, "esxi-7");
    expect(made.status, made.stderr).toBe(0);
    expect(fs.readFileSync(path.join(bin, ".replay-set"), "utf8")).toBe("esxi-7\n");
    expect(replay(bin, "--off").status).toBe(0);
    expect(fs.existsSync(bin)).toBe(false);
  });
});
