import { expect, test } from "vitest";
import { parse } from "./hostname";
import { readOwn } from "./test-fixtures";

test("uname -n, captured in the ndp- lab namespace", () => {
  expect(parse(readOwn("uname-n.txt"))).toEqual({ value: "vm", skipped: [] });
});

test("empty output is null with a reason", () => {
  expect(parse("\n")).toEqual({ value: null, skipped: [{ line: "", reason: "empty output" }] });
});

test("extra lines (e.g. a login banner on stdout) are kept as skipped", () => {
  expect(parse("vm\r\nWelcome!\r\n")).toEqual({ value: "vm", skipped: [{ line: "Welcome!", reason: "expected a single line" }] });
});
