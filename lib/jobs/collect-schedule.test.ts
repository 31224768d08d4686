import { expect, test } from "vitest";
import { nextDueAt } from "./collect-schedule";

const now = Date.parse("2026-11-22T12:00:00Z");

test.each([
  ["never ran: due now", null, 5, now],
  ["ran 2 min ago with a 5 min interval: due in 3 min", "2026-11-22T11:58:00Z", 5, now + 3 * 60_000],
  ["ran an hour ago (server was down): due now, not in the past", "2026-11-22T11:00:00Z", 5, now],
  ["garbage stored value: due now", "not a date", 5, now],
])("%s", (_name, last, interval, expected) => {
  expect(nextDueAt(last, interval, now)).toBe(expected);
});
