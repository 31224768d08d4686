import { describe, expect, test } from "vitest";
import {
  formatBitsPerSecond,
  formatBitsPerSecondTick,
  formatBytes,
  formatBytesExact,
  formatLinkSpeed,
  formatMbitPerSecond,
  splitFieldUnit,
} from "./units";

describe("formatBitsPerSecond: SI prefixes, unit spelled bit/s", () => {
  test.each([
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
    [Number.POSITIVE_INFINITY, "—"],
    [0, "0 bit/s"],
    [999, "999 bit/s"],
    [999.6, "1 kbit/s"],
    [1000, "1 kbit/s"],
    [12_345, "12.3 kbit/s"],
    [999_000, "999 kbit/s"],
    // Rounds to 1000 kbit/s: promoted to the next prefix rather than shown as "1000 kbit/s".
    [999_999, "1 Mbit/s"],
    [1_000_000, "1 Mbit/s"],
    [287_000_000, "287 Mbit/s"],
    [940_000_000, "940 Mbit/s"],
    [999_700_000, "1 Gbit/s"],
    [1_000_000_000, "1 Gbit/s"],
    [9_410_000_000, "9.41 Gbit/s"],
    [9_996_000_000, "10 Gbit/s"],
    [1.2e12, "1.2 Tbit/s"],
    [5e15, "5000 Tbit/s"],
    [-1_500_000, "-1.5 Mbit/s"],
    [-0.2, "0 bit/s"],
  ])("%s → %s", (input, expected) => expect(formatBitsPerSecond(input)).toBe(expected));
});

describe("formatMbitPerSecond: values kept in Mbit/s", () => {
  test.each([
    [null, "—"],
    [0, "0 bit/s"],
    [0.5, "500 kbit/s"],
    [287, "287 Mbit/s"],
    [999.9, "1 Gbit/s"],
    [1000, "1 Gbit/s"],
    [9200, "9.2 Gbit/s"],
    [-100, "-100 Mbit/s"],
  ])("%s → %s", (input, expected) => expect(formatMbitPerSecond(input)).toBe(expected));
});

describe("formatLinkSpeed: sysfs/ethtool Mbit/s, unknown when not positive", () => {
  test.each([
    [null, "—"],
    [Number.NaN, "—"],
    [-1, "—"],
    [0, "—"],
    [10, "10 Mbit/s"],
    [100, "100 Mbit/s"],
    [144.4, "144 Mbit/s"],
    [1000, "1 Gbit/s"],
    [2500, "2.5 Gbit/s"],
    [10_000, "10 Gbit/s"],
    [25_000, "25 Gbit/s"],
    [100_000, "100 Gbit/s"],
  ])("%s → %s", (input, expected) => expect(formatLinkSpeed(input)).toBe(expected));
});

test("axis ticks: a bare 0 at the baseline, the real unit everywhere else, never split over two lines", () => {
  expect([0, 200e6, 1e9, 2.5e9].map(formatBitsPerSecondTick)).toEqual(["0", "200\u00a0Mbit/s", "1\u00a0Gbit/s", "2.5\u00a0Gbit/s"]);
});

describe("formatBytes: IEC prefixes", () => {
  test.each([
    [null, "—"],
    [Number.NaN, "—"],
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1 KiB"],
    [1536, "1.5 KiB"],
    // Rounds to 1024 KiB: promoted like the rates.
    [1024 * 1024 - 1, "1 MiB"],
    [1.5 * 1024 ** 3, "1.5 GiB"],
    [5 * 1024 ** 3, "5 GiB"],
    [123.4 * 1024 ** 4, "123 TiB"],
    [-2048, "-2 KiB"],
  ])("%s → %s", (input, expected) => expect(formatBytes(input)).toBe(expected));
});

test("exact sizes stay in bytes", () => {
  expect(formatBytesExact(9000)).toBe("9000 B");
  expect(formatBytesExact(1500)).toBe("1500 B");
  expect(formatBytesExact(null)).toBe("—");
});

test("no formatter writes an ambiguous unit", () => {
  const samples = [1, 1e3, 1e6, 1e9, 1e12].flatMap((v) => [formatBitsPerSecond(v), formatMbitPerSecond(v), formatLinkSpeed(v), formatBytes(v * 1.024)]);
  for (const s of samples) expect(s).not.toMatch(/\b[kMGT]?b\/s|[KMGT]B\b|bps|Mb\b|Gb\b/);
});

describe("splitFieldUnit: the unit a numeric field name carries", () => {
  test.each([
    ["receivedMbps", "received", "Mbit/s"],
    ["speedMbps", "speed", "Mbit/s"],
    ["rxBitsPerSecond", "rx", "bit/s"],
    ["payloadBytes", "payload", "bytes"],
    ["lossPercent", "loss", "%"],
    ["rttAvgMs", "rttAvg", "ms"],
    ["durationSec", "duration", "s"],
    ["mtu", "mtu", null],
    ["retransmits", "retransmits", null],
    // A suffix alone is a name, not a unit.
    ["Bytes", "Bytes", null],
  ])("%s → %s (%s)", (key, name, unit) => expect(splitFieldUnit(key)).toEqual({ name, unit }));
});
