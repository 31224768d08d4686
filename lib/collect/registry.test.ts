import { expect, test } from "vitest";
import { PLATFORMS } from "@/lib/domain/platform";
import { linuxCollector } from "./linux";
import { collectors, getCollector, supportedPlatforms } from "./registry";

test("each collector is registered under its own platform key", () => {
  expect(getCollector("linux")).toBe(linuxCollector);
  expect(Object.entries(collectors).every(([platform, collector]) => collector.platform === platform)).toBe(true);
});

test("every platform has a collector", () => {
  expect(supportedPlatforms().sort()).toEqual([...PLATFORMS].sort());
  for (const platform of PLATFORMS) expect(getCollector(platform)?.platform).toBe(platform);
});
