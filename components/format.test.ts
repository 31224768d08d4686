import { describe, expect, test } from "vitest";
import {
  formatBitsPerSecond,
  formatBytes,
  formatCount,
  formatDateTime,
  formatDurationMs,
  formatLinkSpeed,
  formatRelativeTime,
} from "./format";
import * as units from "@/lib/domain/units";

test("rates and sizes come from lib/domain/units, so pages and finding texts word them alike", () => {
  expect(formatBitsPerSecond).toBe(units.formatBitsPerSecond);
  expect(formatBytes).toBe(units.formatBytes);
  expect(formatLinkSpeed).toBe(units.formatLinkSpeed);
  expect([formatBitsPerSecond(9_410_000_000), formatLinkSpeed(2500), formatBytes(1536)]).toEqual(["9.41 Gbit/s", "2.5 Gbit/s", "1.5 KiB"]);
});

describe("formatDurationMs", () => {
  test.each([
    [null, "—"],
    [-5, "—"],
    [12.4, "12 ms"],
    [1500, "1.5 s"],
    [59_999, "60 s"],
    [125_000, "2 min 5 s"],
    [300_000, "5 min"],
  ])("%s → %s", (input, expected) => expect(formatDurationMs(input)).toBe(expected));
});

describe("formatRelativeTime", () => {
  const now = Date.parse("2026-01-10T12:00:00Z");
  test.each([
    [null, "never"],
    ["not a date", "—"],
    ["2026-01-10T11:59:58Z", "just now"],
    ["2026-01-10T11:59:18Z", "42 s ago"],
    ["2026-01-10T11:55:00Z", "5 min ago"],
    ["2026-01-10T09:00:00Z", "3 h ago"],
    ["2026-01-08T12:00:00Z", "2 d ago"],
    ["2026-01-10T12:10:00Z", "in 10 min"],
    ["2025-10-01T08:30:00Z", "2025-10-01 08:30 UTC"],
  ])("%s → %s", (input, expected) => expect(formatRelativeTime(input, now)).toBe(expected));
});

test("formatCount groups thousands", () => {
  expect(formatCount(1234567)).toBe("1,234,567");
  expect(formatCount(null)).toBe("—");
});

test("formatDateTime is UTC and minute precision", () => {
  expect(formatDateTime("2026-01-10T12:34:56.789Z")).toBe("2026-01-10 12:34 UTC");
  expect(formatDateTime(null)).toBe("—");
});
