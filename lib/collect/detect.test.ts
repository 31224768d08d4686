import { expect, test } from "vitest";
import { parseUnameS } from "./detect";

test.each([
  ["Linux\n", "linux"],
  ["VMkernel\n", "esxi"],
  ["FreeBSD\n", "freebsd"],
  ["Darwin\n", "darwin"],
  ["SunOS\n", "illumos"],
  ["'uname' is not recognized as an internal or external command\r\n", null],
  ["", null],
])("uname -s %j is %s", (out, platform) => {
  expect(parseUnameS(out)).toBe(platform);
});
