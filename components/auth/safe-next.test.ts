import { expect, test } from "vitest";
import { safeNext } from "./safe-next";

test.each([
  ["/hosts/3", "/hosts/3"],
  ["/findings?severity=critical", "/findings?severity=critical"],
  [null, "/"],
  ["", "/"],
  ["//evil.example/x", "/"],
  ["/\\evil.example", "/"],
  ["https://evil.example", "/"],
  ["javascript:alert(1)", "/"],
  // next=/%09/evil.example: browsers drop the tab and go to //evil.example
  ["/\t/evil.example", "/"],
  ["/\n/evil.example", "/"],
  ["/\r\n/\\evil.example", "/"],
  ["/\t\\evil.example", "/"],
  ["/hosts/3#interfaces", "/hosts/3#interfaces"],
])("after login %j goes to %j", (next, to) => {
  expect(safeNext(next)).toBe(to);
});
