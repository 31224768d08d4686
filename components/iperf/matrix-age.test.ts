import { expect, test } from "vitest";
import { isStale, STALE_AFTER_MS } from "./matrix-age";

const now = Date.parse("2026-12-05T12:00:00Z");
const ago = (ms: number) => new Date(now - ms).toISOString();
const DAY = 86_400_000;

test("a week is the limit", () => {
  expect(STALE_AFTER_MS).toBe(7 * DAY);
});

test.each([
  ["3 hours old", ago(3 * 3_600_000), false],
  ["exactly 7 days old", ago(7 * DAY), false],
  ["7 days and a minute old", ago(7 * DAY + 60_000), true],
  ["30 days old (a monthly schedule, between runs)", ago(30 * DAY), true],
  // The browser's or a host's clock ahead of the server's: recent, not stale.
  ["a minute in the future", ago(-60_000), false],
  ["an unreadable date", "not a date", true],
])("%s: stale %s", (_name, at, stale) => {
  expect(isStale(at, now)).toBe(stale);
});
