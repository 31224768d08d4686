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

// lib/jobs sends a collector's first round to the host as one script before collect() runs:
// a command missing from the list would cost a second shell, an extra one would run for nothing.
test.each(PLATFORMS)("%s: firstRound is exactly what collect() asks for before any answer", async (platform) => {
  const collector = getCollector(platform);
  const asked: string[] = [];
  const never = new Promise<never>(() => undefined);
  void collector?.collect((command) => {
    asked.push(command);
    return never;
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect([...new Set(asked)].sort()).toEqual([...(collector?.firstRound ?? [])].sort());
});
