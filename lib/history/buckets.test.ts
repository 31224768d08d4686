import { describe, expect, test } from "vitest";
import { MAX_TRAFFIC_POINTS, RANGE_MS } from "@/lib/domain/traffic";
import { chooseSeries } from "./buckets";

const now = Date.parse("2026-12-05T12:00:00Z");
const DAY = 86_400_000;
// A year-old install with the default retention: 7 days of samples, 90 of hours, days forever.
// (the oldest sample is a little younger than 7 days: housekeeping ran since).
const aged = { samplesFrom: now - 7 * DAY + 600_000, hoursFrom: now - 90 * DAY, daysFrom: now - 365 * DAY };

describe("chooseSeries", () => {
  test.each([
    ["24h", "samples", 300],
    ["48h", "samples", 600],
    ["7d", "hour", 3600],
    ["30d", "hour", 7200],
    ["1y", "day", 86_400],
  ] as const)("%s on a year of history: %s in %i s buckets, at most 500 points", (range, source, bucket) => {
    const span = range === "48h" ? 2 * DAY : RANGE_MS[range];
    const r = chooseSeries(now - span, now, aged);
    expect(r).toEqual({ source, bucketSeconds: bucket });
    expect(span / 1000 / r.bucketSeconds).toBeLessThanOrEqual(MAX_TRAFFIC_POINTS);
  });
  test("a week two months ago comes from hourly rollups: its samples are gone", () => {
    expect(chooseSeries(now - 60 * DAY, now - 53 * DAY, aged).source).toBe("hour");
  });
  test("a week half a year ago comes from daily rollups", () => {
    expect(chooseSeries(now - 180 * DAY, now - 173 * DAY, aged).source).toBe("day");
  });
  test("a three-day-old install shows its samples for 30 days rather than three daily points", () => {
    const young = { samplesFrom: now - 3 * DAY, hoursFrom: now - 3 * DAY, daysFrom: now - 2 * DAY };
    expect(chooseSeries(now - 7 * DAY, now, young).source).toBe("samples");
    expect(chooseSeries(now - 30 * DAY, now, young).source).toBe("hour");
  });
  test("a day rolled up from its last hour (install at 23:00) does not push a month's chart to daily points", () => {
    const day = Date.parse("2026-12-05T00:00:00Z");
    const young = { samplesFrom: day + 23 * 3_600_000, hoursFrom: day + 23 * 3_600_000, daysFrom: day };
    expect(chooseSeries(day + 26 * 3_600_000 - 30 * DAY, day + 26 * 3_600_000, young).source).toBe("hour");
  });
  test("nothing stored yet: hourly buckets, empty", () => {
    expect(chooseSeries(now - 30 * DAY, now, { samplesFrom: null, hoursFrom: null, daysFrom: null }).source).toBe("hour");
  });
});
