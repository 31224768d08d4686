import { expect, test } from "vitest";
import { nextDueAfter } from "./schedule-time";

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
