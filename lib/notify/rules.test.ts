import { describe, expect, test } from "vitest";
import { DEFAULT_RULES, MAX_ATTEMPTS, channelRulesSchema, nextRetryAt, quietUntil, transitionsFor, type FindingTransition } from "./rules";

const t = (over: Partial<FindingTransition>): FindingTransition => ({
  findingId: 1,
  kind: "duplicate-mac",
  transition: "opened",
  severity: "critical",
  hostIds: [5, 6],
  ...over,
});

describe("which transitions a channel hears about", () => {
  const all = [
    t({ findingId: 1 }),
    t({ findingId: 2, kind: "mtu-mismatch", severity: "warning", hostIds: [3] }),
    t({ findingId: 3, kind: "link-speed", severity: "info", hostIds: [4] }),
    t({ findingId: 4, transition: "raised", severity: "critical", previousSeverity: "warning", hostIds: [3] }),
    t({ findingId: 5, transition: "resolved", severity: "warning", hostIds: [3] }),
  ];
  const ids = (rules: Partial<typeof DEFAULT_RULES>, minSeverity: "critical" | "warning" | "info" = "warning") =>
    transitionsFor({ minSeverity, rules: { ...DEFAULT_RULES, ...rules } }, all).map((i) => i.findingId);

  test("defaults: opened and raised at warning or above, not resolved, not info", () => {
    expect(ids({})).toEqual([1, 2, 4]);
  });
  test("resolved only when asked", () => {
    expect(ids({ notifyResolved: true })).toEqual([1, 2, 4, 5]);
  });
  test("raised can be turned off", () => {
    expect(ids({ notifyRaised: false })).toEqual([1, 2]);
  });
  test("minimum severity", () => {
    expect(ids({}, "critical")).toEqual([1, 4]);
    expect(ids({}, "info")).toEqual([1, 2, 3, 4]);
  });
  test("kinds and hosts narrow it; a host that is only involved counts", () => {
    expect(ids({ kinds: ["mtu-mismatch"] })).toEqual([2]);
    expect(ids({ hostIds: [6] })).toEqual([1]);
    expect(ids({ hostIds: [3], kinds: ["duplicate-mac"] })).toEqual([4]);
  });
  test("a delivery item keeps what the message needs, not the rule inputs", () => {
    expect(transitionsFor({ minSeverity: "warning", rules: DEFAULT_RULES }, [all[3]!])).toEqual([{ findingId: 4, transition: "raised", severity: "critical", previousSeverity: "warning" }]);
  });
});

test("a failing channel is not told it is failing (it could not hear it), but is told it recovered", () => {
  const failing = [t({ findingId: 9, kind: "notification-failing", severity: "warning", hostIds: [], channelId: 3 })];
  const rules = { ...DEFAULT_RULES, notifyResolved: true };
  expect(transitionsFor({ id: 3, minSeverity: "warning", rules }, failing)).toEqual([]);
  expect(transitionsFor({ id: 4, minSeverity: "warning", rules }, failing)).toHaveLength(1);
  expect(transitionsFor({ id: 3, minSeverity: "warning", rules }, [{ ...failing[0]!, transition: "resolved" }])).toHaveLength(1);
});

describe("quiet hours", () => {
  const now = new Date("2026-12-06T23:30:00Z");
  const rules = (start: string, end: string) => channelRulesSchema.parse({ quietHours: { start, end } });
  test("across midnight: held until the end", () => {
    expect(quietUntil(rules("22:00", "07:00"), now, 23 * 60 + 30)?.toISOString()).toBe("2026-12-07T07:00:00.000Z");
    expect(quietUntil(rules("22:00", "07:00"), new Date("2026-12-07T06:59:00Z"), 6 * 60 + 59)?.toISOString()).toBe("2026-12-07T07:00:00.000Z");
  });
  test("outside them, or none: sent now", () => {
    expect(quietUntil(rules("22:00", "07:00"), now, 7 * 60)).toBeNull();
    expect(quietUntil(rules("12:00", "13:00"), now, 11 * 60 + 59)).toBeNull();
    expect(quietUntil(DEFAULT_RULES, now, 23 * 60)).toBeNull();
  });
  test("a window within one day", () => {
    expect(quietUntil(rules("12:00", "13:00"), new Date("2026-12-06T12:10:30Z"), 12 * 60 + 10)?.toISOString()).toBe("2026-12-06T13:00:00.000Z");
  });
  test("bad times are refused with the field named", () => {
    const r = channelRulesSchema.safeParse({ quietHours: { start: "24:00", end: "07:00" } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["quietHours", "start"]);
    expect(channelRulesSchema.safeParse({ quietHours: { start: "07:00", end: "07:00" } }).error?.issues[0]?.path).toEqual(["quietHours", "end"]);
  });
});

describe("retries", () => {
  const now = new Date("2026-12-06T00:00:00Z");
  test("back off 30 s, 2 min, 8 min, 30 min, 2 h, then give up", () => {
    const waits = [1, 2, 3, 4, 5].map((n) => (nextRetryAt(n, now)!.getTime() - now.getTime()) / 1000);
    expect(waits).toEqual([30, 120, 480, 1800, 7200]);
    expect(nextRetryAt(MAX_ATTEMPTS, now)).toBeNull();
  });
});
