import { expect, test } from "vitest";
import { parse } from "./uname";
import { readOwn } from "./test-fixtures";

test("uname -srm, captured in the ndp- lab namespace", () => {
  expect(parse(readOwn("uname-srm.txt"))).toEqual({ value: "Linux 6.18.44-fc-v669 x86_64", skipped: [] });
});

test("empty output is null with a reason", () => {
  expect(parse("")).toEqual({ value: null, skipped: [{ line: "", reason: "empty output" }] });
});
