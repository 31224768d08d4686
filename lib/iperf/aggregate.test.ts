import { expect, test } from "vitest";
import { aggregate } from "./aggregate";

const HOUR = 3_600_000;

test("few samples come back as they are, sorted, out-of-range ones dropped", () => {
  const r = aggregate([{ t: 30, value: 3 }, { t: 10, value: 1 }, { t: 5000, value: 9 }], 0, 100);
  expect(r).toEqual({ bucketMs: 0, points: [{ t: 10, avg: 1, min: 1, max: 1, n: 1 }, { t: 30, avg: 3, min: 3, max: 3, n: 1 }] });
});

test("a year of hourly runs: at most 500 points, each an average with its min/max band, nothing lost", () => {
  const from = Date.UTC(2025, 0, 1);
  const samples = Array.from({ length: 24 * 365 }, (_, i) => ({ t: from + i * HOUR, value: 900 + (i % 24) }));
  // How long it takes is measured by the integration test's printout and npm run bench, not asserted.
  const r = aggregate(samples, from, from + 365 * 24 * HOUR);
  expect(r.points.length).toBeLessThanOrEqual(500);
  expect(r.points.length).toBeGreaterThan(450);
  expect(r.points.reduce((n, p) => n + p.n, 0)).toBe(samples.length);
  for (const p of r.points) {
    expect(p.min).toBeLessThanOrEqual(p.avg);
    expect(p.max).toBeGreaterThanOrEqual(p.avg);
  }
  expect(Math.min(...r.points.map((p) => p.min))).toBe(900);
  expect(Math.max(...r.points.map((p) => p.max))).toBe(923);
});

test("the average is of the samples, not of bucket averages", () => {
  const samples = [0, 1, 2, 3, 4, 5].map((i) => ({ t: i, value: i < 5 ? 100 : 700 }));
  const r = aggregate(samples, 0, 5, 1);
  expect(r.points).toEqual([{ t: 3, avg: 200, min: 100, max: 700, n: 6 }]);
});
