import { expect, test } from "vitest";
import { linuxCollector } from "./linux";
import { collectors, getCollector, supportedPlatforms } from "./registry";

test("linux is registered under its own platform key", () => {
  expect(getCollector("linux")).toBe(linuxCollector);
  expect(Object.entries(collectors).every(([platform, collector]) => collector.platform === platform)).toBe(true);
});

test("a platform without a collector yet is reported as unsupported", () => {
  expect(getCollector("esxi")).toBeUndefined();
  expect(supportedPlatforms()).toEqual(["linux"]);
});
