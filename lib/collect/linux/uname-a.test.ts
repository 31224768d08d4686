import { expect, test } from "vitest";
import { listCaptures, readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./uname-a";

const EXPECTED: Record<string, { hostname: string; kernel: string }> = {
  "esxi/uname-a__hpegl-metal-os-esxi-iso.txt": { hostname: "esxi.esxi.localdomain", kernel: "VMkernel 7.0.3 x86_64" },
  "freebsd/uname-a__freebsd12.2-anaconda-id43639297702.txt": { hostname: "anaconda", kernel: "FreeBSD 12.2-STABLE amd64" },
  // ends with a blank line, which is not a second line of output
  "freebsd/uname-a__jc-freebsd12.txt": { hostname: "freebsd", kernel: "FreeBSD 12.1-RELEASE amd64" },
  "macos/uname-a__jc-osx10146.txt": { hostname: "kbrazil-mac", kernel: "Darwin 18.7.0 x86_64" },
  "illumos/uname-a__opensolaris-2008.05-id54359880193.txt": { hostname: "opensolaris", kernel: "SunOS 5.11 i86pc" },
  // the machine (sun4u), not the processor (sparc) or the platform (SUNW,Sun-Fire-15000)
  "illumos/uname-a__solaris10-sparc-bacon-id182323244.txt": { hostname: "bacon", kernel: "SunOS 5.10 sun4u" },
  "illumos/uname-a__solaris11.1-x86-id15272832357.txt": { hostname: "solaris11", kernel: "SunOS 5.11 i86pc" },
};

test("every real uname -a capture is listed", () => {
  const all = ["esxi", "freebsd", "macos", "illumos"].flatMap((dir) => listCaptures(dir, "uname-a__"));
  expect(all.sort()).toEqual(Object.keys(EXPECTED).sort());
});

test.each(Object.entries(EXPECTED))("%s", (file, expected) => {
  const { value, skipped } = parse(readCapture(file));
  expect(skipped).toEqual([]);
  expect(value).toMatchObject(expected);
});

test("all fields of the ESXi capture: the machine is the first of machine/processor/platform before \"ESXi\"", () => {
  expect(parse(readCapture("esxi/uname-a__hpegl-metal-os-esxi-iso.txt")).value).toEqual({
    kernelName: "VMkernel",
    hostname: "esxi.esxi.localdomain",
    release: "7.0.3",
    machine: "x86_64",
    kernel: "VMkernel 7.0.3 x86_64",
  });
});

test("a layout it does not know (GNU uname omits unknown fields): the machine is left out, not guessed", () => {
  const { value } = parse("Linux vm 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n");
  expect(value).toMatchObject({ hostname: "vm", machine: null, kernel: "Linux 6.1.0-18-amd64" });
});

test.each([
  ["", "empty output"],
  ["Darwin\n", "expected kernel name, node name, release, version…"],
  ["'uname' is not recognized as an internal or external command,\r\n", "expected kernel name, node name, release, version…"],
])("%j is null with a reason, never an exception", (out, reason) => {
  const { value, skipped } = parse(out);
  expect(value).toBeNull();
  expect(skipped[0]?.reason).toBe(reason);
});

test("a second line is reported, the first still read", () => {
  const { value, skipped } = parse(`${readCapture("macos/uname-a__jc-osx10146.txt")}oops\n`);
  expect(value?.hostname).toBe("kbrazil-mac");
  expect(skipped).toEqual([{ line: "oops", reason: "expected a single line" }]);
});
