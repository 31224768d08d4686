import { describe, expect, test } from "vitest";
import type { ExecResult } from "@/lib/domain/snapshot";
import { listCaptures, readCapture } from "./common/test-fixtures";
import { DETECT_COMMANDS, detectPlatform, parseUname, parseVer, unsupportedMessage } from "./detect";
import { readOwn } from "./linux/test-fixtures";

const UNAME_A: Record<string, string> = { esxi: "esxi", freebsd: "freebsd", macos: "darwin", illumos: "illumos" };
const unameACaptures = Object.entries(UNAME_A).flatMap(([dir, platform]) => listCaptures(dir, "uname-a__").map((file) => [file, platform]));

test("a real uname -a capture of every non-Linux Unix platform", () => {
  expect(new Set(unameACaptures.map(([, platform]) => platform))).toEqual(new Set(Object.values(UNAME_A)));
});

test.each(unameACaptures)("uname -a %s is %s", (file, platform) => {
  expect(parseUname(readCapture(file))).toBe(platform);
});

test("uname -srm from the Linux lab: the first field is the kernel name there too", () => {
  expect(parseUname(readOwn("uname-srm.txt"))).toBe("linux");
});

test.each([
  ["Linux\n", "linux"],
  ["VMkernel\n", "esxi"],
  ["FreeBSD\n", "freebsd"],
  ["Darwin\n", "darwin"],
  ["SunOS\n", "illumos"],
  ["MINGW64_NT-10.0-19045\n", "windows"],
  ["MSYS_NT-10.0-22631\n", "windows"],
  ["CYGWIN_NT-10.0\n", "windows"],
  ["OpenBSD\n", null],
  ["'uname' is not recognized as an internal or external command\r\n", null],
  ["", null],
])("kernel name alone (uname -s) %j is %s", (out, platform) => {
  expect(parseUname(out)).toBe(platform);
});

test.each([
  ["\r\nMicrosoft Windows [Version 10.0.19045.3803]\r\n", "windows"],
  ["\r\nMicrosoft Windows [versión 10.0.22631.2861]\r\n", "windows"],
  ["sh: 1: cmd: not found\n", null],
])("cmd /c ver %j is %s", (out, platform) => {
  expect(parseVer(out)).toBe(platform);
});

const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0, durationMs: 1 });
const failed = (code: number, stderr: string): ExecResult => ({ stdout: "", stderr, exitCode: code, durationMs: 1 });

function replay(replies: Record<string, ExecResult>) {
  const calls: string[] = [];
  const exec = async (command: string) => {
    calls.push(command);
    return replies[command] ?? failed(127, `${command.split(" ")[0]}: command not found`);
  };
  return Object.assign(exec, { calls });
}

describe("the detection sequence", () => {
  test("a Unix answers the first command; cmd is never tried", async () => {
    const exec = replay({ "uname -a": ok(readCapture("esxi/uname-a__hpegl-metal-os-esxi-iso.txt")) });
    expect(await detectPlatform(exec)).toEqual({ platform: "esxi", seen: [] });
    expect(exec.calls).toEqual(["uname -a"]);
  });

  test("Windows with cmd.exe: uname is unknown, ver answers", async () => {
    const exec = replay({
      "uname -a": failed(1, "'uname' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"),
      "cmd /c ver": ok("\r\nMicrosoft Windows [Version 10.0.20348.2227]\r\n"),
    });
    expect((await detectPlatform(exec)).platform).toBe("windows");
    expect(exec.calls).toEqual([...DETECT_COMMANDS]);
  });

  test("an unsupported Unix stops after uname, and the message lists what is supported", async () => {
    const exec = replay({ "uname -a": ok("OpenBSD\n") });
    const detection = await detectPlatform(exec);
    expect(detection).toEqual({ platform: null, seen: ["uname -a: OpenBSD"] });
    expect(exec.calls).toEqual(["uname -a"]);
    const message = unsupportedMessage(detection.seen);
    expect(message).toContain("uname -a: OpenBSD");
    expect(message).toContain("linux, esxi, freebsd, darwin, illumos, windows");
    expect(message).toContain("host form");
  });

  test("neither command exists: both answers are quoted", async () => {
    const detection = await detectPlatform(replay({}));
    expect(detection).toEqual({ platform: null, seen: ["uname -a: uname: command not found", "cmd /c ver: cmd: command not found"] });
  });
});
