import { expect, test } from "vitest";
import { nextDueAfter, sleepMs } from "./schedule-policy";

const H = 3_600_000;

test("on time: the next slot one interval later", () => {
  expect(nextDueAfter(6 * H, 360, 6 * H)).toBe(12 * H);
});

test("after a restart that missed slots: the next slot after now, same cadence", () => {
  expect(nextDueAfter(6 * H, 360, 20 * H)).toBe(24 * H);
});

test("not due yet: unchanged", () => {
  expect(nextDueAfter(30 * H, 360, 20 * H)).toBe(30 * H);
});

test.each([
  ["nothing scheduled: the longest sleep", null, 60_000],
  ["due in 3 min: capped at a minute", 3 * 60_000, 60_000],
  ["due in 2 s: 2 s", 2_000, 2_000],
  ["due an hour ago (server was down): at once, not a busy loop", -3_600_000, 250],
])("sleep: %s", (_name, dueIn, expected) => {
  const now = Date.parse("2026-11-22T12:00:00Z");
  expect(sleepMs(dueIn === null ? null : now + dueIn, now)).toBe(expected);
});
