import { expect, test } from "vitest";
import { resolveRange } from "./range";

const now = new Date("2026-11-22T12:00:00Z");

test.each([
  [undefined, "7d", "2026-11-15T12:00:00.000Z"],
  ["24h", "24h", "2026-11-21T12:00:00.000Z"],
  ["1y", "1y", "2025-11-22T12:00:00.000Z"],
  ["bogus", "7d", "2026-11-15T12:00:00.000Z"],
])("%s", (range, key, from) => {
  expect(resolveRange(range, undefined, undefined, now)).toEqual({ key, from: new Date(from), to: now });
});

test("custom, with a fallback to 7 days when it makes no sense", () => {
  expect(resolveRange("custom", "2026-01-01", "2026-02-01", now)).toEqual({ key: "custom", from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-02-01T00:00:00Z") });
  expect(resolveRange("custom", "2026-03-01", "2026-02-01", now).key).toBe("7d");
});
