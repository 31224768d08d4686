import { expect, test } from "vitest";
import * as distribution from "./distribution";
import * as ndp from "./ndp";

// Neither ndp -an nor the distribution files have a real capture in ../shared/fixtures: only
// what the parsers do with empty and malformed output is asserted here.
test("ndp -an: empty output is no neighbors; a line that is not a row is skipped", () => {
  expect(ndp.parse("")).toEqual({ value: [], skipped: [] });
  const { value, skipped } = ndp.parse("ndp: socket: Protocol not supported\n");
  expect(value).toEqual([]);
  expect(skipped).toHaveLength(1);
});

test("distribution: plain FreeBSD (no pfSense/OPNsense/TrueNAS files) prints nothing and tells nothing", () => {
  expect(distribution.parse("")).toEqual({ value: null, skipped: [] });
});
