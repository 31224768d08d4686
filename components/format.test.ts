import { describe, expect, test } from "vitest";
import {
  formatBitsPerSecond,
  formatBytes,
  formatCount,
  formatDateTime,
  formatDurationMs,
  formatRelativeTime,
  formatSpeedMbps,
} from "./format";

describe("formatBitsPerSecond", () => {
  test.each([
    [null, "—"],
    [0, "0 b/s"],
    [999, "999 b/s"],
    [1000, "1 kb/s"],
    [12_345, "12.3 kb/s"],
    [940_000_000, "940 Mb/s"],
    [1_000_000_000, "1 Gb/s"],
    [9_410_000_000, "9.41 Gb/s"],
    [Number.NaN, "—"],
  ])("%s → %s", (input, expected) => expect(formatBitsPerSecond(input)).toBe(expected));
});

describe("formatBytes", () => {
  test.each([
    [undefined, "—"],
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1 KiB"],
    [1536, "1.5 KiB"],
    [5 * 1024 ** 3, "5 GiB"],
    [123.4 * 1024 ** 4, "123 TiB"],
  ])("%s → %s", (input, expected) => expect(formatBytes(input)).toBe(expected));
});

describe("formatSpeedMbps", () => {
  test.each([
    [null, "—"],
    [-1, "—"],
    [0, "—"],
    [100, "100 Mb/s"],
    [1000, "1 Gb/s"],
    [2500, "2.5 Gb/s"],
    [10_000, "10 Gb/s"],
    [100_000, "100 Gb/s"],
  ])("%s → %s", (input, expected) => expect(formatSpeedMbps(input)).toBe(expected));
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
