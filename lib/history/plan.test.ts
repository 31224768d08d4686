import { describe, expect, test } from "vitest";
import { cutoffs, DAY_MS, daysToRoll, HOUR_MS, hoursToRoll, ROLLUP_GRACE_MS } from "./plan";

const T = Date.parse("2026-12-05T10:00:00Z");
const iso = (t: number) => new Date(t).toISOString();

describe("hoursToRoll", () => {
  test("from the first sample's hour up to the last hour that ended at least the grace period ago", () => {
    const now = T + 3 * HOUR_MS + ROLLUP_GRACE_MS; // 13:15
    expect(hoursToRoll(null, T + 20 * 60_000, now, 100).map(iso)).toEqual([
      "2026-12-05T10:00:00.000Z",
      "2026-12-05T11:00:00.000Z",
      "2026-12-05T12:00:00.000Z",
    ]);
  });
  test("an hour that ended 14 minutes ago waits: a collection started in it may still be storing", () => {
    expect(hoursToRoll(T, null, T + HOUR_MS + ROLLUP_GRACE_MS - 60_000, 100)).toEqual([]);
  });
  test("resumes at the watermark and does at most `max` hours a pass (a server off for a month catches up in steps)", () => {
    const r = hoursToRoll(T, null, T + 30 * DAY_MS, 48);
    expect(r).toHaveLength(48);
    expect(r[0]).toBe(T);
  });
  test("no samples yet: nothing", () => {
    expect(hoursToRoll(null, null, T, 10)).toEqual([]);
  });
});

describe("daysToRoll", () => {
  test("a day is rolled up once every hour of it is", () => {
    const day = Date.parse("2026-12-04T00:00:00Z");
    expect(daysToRoll(null, day + 5 * HOUR_MS, day + DAY_MS - HOUR_MS, 10)).toEqual([]);
    expect(daysToRoll(null, day + 5 * HOUR_MS, day + DAY_MS, 10)).toEqual([day]);
  });
});

describe("cutoffs", () => {
  const r = { samplesDays: 7, hourlyDays: 90, dailyDays: 0, runsDays: 30, failedRunsDays: 90, probesDays: 30, eventsDays: 365, resolvedDays: 0, iperfDetailDays: 30 };
  test("each kind goes after its own number of days; 0 keeps it forever", () => {
    const c = cutoffs(T, r, T, T);
    expect(iso(c.samples)).toBe("2026-11-28T10:00:00.000Z");
    expect(iso(c.runs)).toBe("2026-11-05T10:00:00.000Z");
    expect(c.daily).toBeNull();
    expect(c.resolved).toBeNull();
    expect(iso(c.events ?? 0)).toBe("2025-12-05T10:00:00.000Z");
  });
  test("samples not yet rolled up are kept past their retention", () => {
    const watermark = T - 20 * DAY_MS;
    expect(cutoffs(T, r, watermark, null).samples).toBe(watermark);
    // Nothing rolled up at all: nothing raw may go.
    expect(cutoffs(T, r, null, null).samples).toBe(-Infinity);
    expect(cutoffs(T, r, T, null).hourly).toBe(-Infinity);
  });
});
