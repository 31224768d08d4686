import { expect, test } from "vitest";
import { FIT_MAX_MS, fitTimeDomain, resolveRange } from "./range";

const now = new Date("2026-11-22T12:00:00Z");

test.each([
  // No range picked: fit to the runs, looked for in the last 30 days (see fitTimeDomain).
  [undefined, "fit", "2026-10-23T12:00:00.000Z"],
  ["fit", "fit", "2026-10-23T12:00:00.000Z"],
  ["24h", "24h", "2026-11-21T12:00:00.000Z"],
  ["7d", "7d", "2026-11-15T12:00:00.000Z"],
  ["1y", "1y", "2025-11-22T12:00:00.000Z"],
  ["bogus", "fit", "2026-10-23T12:00:00.000Z"],
])("%s", (range, key, from) => {
  expect(resolveRange(range, undefined, undefined, now)).toEqual({ key, from: new Date(from), to: now });
});

test("custom, with a fallback to fitting the runs when it makes no sense", () => {
  expect(resolveRange("custom", "2026-01-01", "2026-02-01", now)).toEqual({ key: "custom", from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-02-01T00:00:00Z") });
  expect(resolveRange("custom", "2026-03-01", "2026-02-01", now).key).toBe("fit");
});

const at = (iso: string) => Date.parse(iso);
const iso = (r: { from: Date; to: Date }) => [r.from.toISOString(), r.to.toISOString()];

test("a single run sits in the middle of an hour, not on the right edge", () => {
  const t = at("2026-11-22T11:58:00Z");
  const r = fitTimeDomain(t, t);
  expect(iso(r)).toEqual(["2026-11-22T11:28:00.000Z", "2026-11-22T12:28:00.000Z"]);
  expect((t - r.from.getTime()) / (r.to.getTime() - r.from.getTime())).toBe(0.5);
});

test("runs minutes apart are centred in an hour; runs hours apart get 5% each side", () => {
  expect(iso(fitTimeDomain(at("2026-11-22T10:00:00Z"), at("2026-11-22T10:10:00Z")))).toEqual(["2026-11-22T09:35:00.000Z", "2026-11-22T10:35:00.000Z"]);
  expect(iso(fitTimeDomain(at("2026-11-22T00:00:00Z"), at("2026-11-22T10:00:00Z")))).toEqual(["2026-11-21T23:30:00.000Z", "2026-11-22T10:30:00.000Z"]);
});

test("a year of runs is fitted to the latest 30 days of them", () => {
  const last = at("2026-11-22T12:00:00Z");
  const r = fitTimeDomain(at("2025-11-22T12:00:00Z"), last);
  expect(r.to.getTime() - last).toBe(FIT_MAX_MS * 0.05);
  expect(last - r.from.getTime()).toBe(FIT_MAX_MS * 1.05);
});
