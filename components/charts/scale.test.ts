import { expect, test } from "vitest";
import { formatBitsPerSecondTick } from "@/components/format";
import { chooseScale, formatRatio, logAxis, logTicks, onLogFloor, typical } from "./scale";

test("a series' typical value is the median of its positive readings", () => {
  expect(typical([3, 1, 2])).toBe(2);
  expect(typical([4, 1, 3, 2])).toBe(2.5);
  expect(typical([0, 0, 0, 5e9, 0])).toBe(5e9);
  expect(typical([0, Number.NaN])).toBeNull();
  expect(typical([])).toBeNull();
});

test.each([
  // The lab's shaped pair: ~15 Gbit/s one way, ~288 Mbit/s back.
  ["shaped pair", [[15e9, 14e9, 16e9], [288e6, 287e6, 290e6]], true, 15e9 / 288e6],
  ["exactly 10x stays linear", [[10e9], [1e9]], false, 10],
  ["just over 10x", [[10.1e9], [1e9]], true, 10.1],
  ["similar directions", [[9.4e9, 9.41e9], [9.3e9]], false, 9.405e9 / 9.3e9],
  // One stalled second does not make a fast series look slow, nor a spike a slow one fast.
  ["a dip to 0 and a spike", [[0, 9e9, 9e9, 9e9], [300e6, 300e6, 9e9]], true, 30],
  ["one series only", [[15e9]], false, null],
  ["second direction not started", [[15e9, 14e9], []], false, null],
  ["second direction all zeros", [[15e9], [0, 0]], false, null],
])("%s", (_name, values, log, ratio) => {
  const c = chooseScale(values);
  expect(c.log).toBe(log);
  if (ratio === null) expect(c.ratio).toBeNull();
  else expect(c.ratio).toBeCloseTo(ratio, 6);
});

test.each([
  // Three decades and more: powers of ten only.
  [10e6, 20e9, ["10\u00a0Mbit/s", "100\u00a0Mbit/s", "1\u00a0Gbit/s", "10\u00a0Gbit/s"]],
  [100e6, 100e9, ["100\u00a0Mbit/s", "1\u00a0Gbit/s", "10\u00a0Gbit/s", "100\u00a0Gbit/s"]],
  // One decade: 1-2-5 steps fit.
  [100e6, 1e9, ["100\u00a0Mbit/s", "200\u00a0Mbit/s", "500\u00a0Mbit/s", "1\u00a0Gbit/s"]],
  // Nine decades, more than six ticks: every second power.
  [1, 1e9, ["1\u00a0bit/s", "100\u00a0bit/s", "10\u00a0kbit/s", "1\u00a0Mbit/s", "100\u00a0Mbit/s"]],
])("log ticks over [%d, %d] are round SI values", (lo, hi, labels) => {
  expect(logTicks(lo, hi).map(formatBitsPerSecondTick)).toEqual(labels);
});

test("log ticks are exact decimals and none for an empty or non-positive range", () => {
  expect(logTicks(0.1, 1)).toEqual([0.1, 0.2, 0.5, 1]);
  expect(logTicks(0, 1e9)).toEqual([]);
  expect(logTicks(1e9, 1e9)).toEqual([]);
});

test("the log axis tops out at the next 1-2-5 value and floors a power of ten at least 3x below the slowest reading", () => {
  expect(logAxis([15e9, 14.2e9, 288e6, 0])).toEqual({ domain: [10e6, 20e9], ticks: [10e6, 100e6, 1e9, 10e9] });
  expect(logAxis([9.4e9, 900e6])).toEqual({ domain: [100e6, 10e9], ticks: [100e6, 1e9, 10e9] });
  expect(logAxis([0, 0])).toBeNull();
});

test("the shaped pair's slow direction sits well above the floor of its log axis", () => {
  const axis = logAxis([15e9, 288e6]);
  const [lo, hi] = axis!.domain;
  const height = (v: number) => Math.log10(v / lo) / Math.log10(hi / lo);
  expect(height(288e6)).toBeGreaterThan(0.4);
  expect(height(15e9)).toBeGreaterThan(0.9);
});

test("readings of 0 are drawn on the floor and keep their measured value", () => {
  const [s] = onLogFloor([{ key: "rx", name: "RX", color: "#fff", points: [{ t: 1, value: 0 }, { t: 2, value: 3e8 }], band: [{ t: 1, min: 0, max: 3e8 }] }], 1e7);
  expect(s!.points).toEqual([{ t: 1, value: 1e7, raw: 0 }, { t: 2, value: 3e8 }]);
  expect(s!.band).toEqual([{ t: 1, min: 1e7, max: 3e8, rawMin: 0, rawMax: 3e8 }]);
});

test.each([
  [52.08, "52×"],
  [10.12, "10×"],
  [9.46, "9.5×"],
])("ratio %d reads %s", (r, text) => {
  expect(formatRatio(r)).toBe(text);
});
