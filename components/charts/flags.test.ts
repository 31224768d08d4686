import { expect, test } from "vitest";
import { FLAG_MARKER_PX, flagsInDomain, groupFlags, worstSeverity, type ChartFlag } from "./flags";

const flag = (t: number, over: Partial<ChartFlag> = {}): ChartFlag => ({ t, kind: "k", label: `at ${t}`, ...over });

test("flags outside the x domain are left out, the rest sorted by time", () => {
  const flags = [flag(50), flag(5), flag(10), flag(100), flag(101), flag(Number.NaN)];
  expect(flagsInDomain(flags, [10, 100]).map((f) => f.t)).toEqual([10, 50, 100]);
});

test("markers closer than a hit target become one group listing every flag, at their midpoint", () => {
  const groups = groupFlags([
    { x: 100, flag: flag(1) },
    { x: 110, flag: flag(2, { severity: "info" }) },
    { x: 100 + FLAG_MARKER_PX - 1, flag: flag(3, { severity: "critical" }) },
    { x: 100 + FLAG_MARKER_PX, flag: flag(4) },
    { x: 300, flag: flag(5, { severity: "warning" }) },
  ]);
  expect(groups.map((g) => ({ x: g.x, t: g.flags.map((f) => f.t), severity: g.severity }))).toEqual([
    { x: 100 + (FLAG_MARKER_PX - 1) / 2, t: [1, 2, 3], severity: "critical" },
    { x: 100 + FLAG_MARKER_PX, t: [4], severity: undefined },
    { x: 300, t: [5], severity: "warning" },
  ]);
});

test("a year of hourly flags at 390 px becomes a row of readable markers, not a pile", () => {
  const plotPx = 290;
  const placed = Array.from({ length: 24 * 365 }, (_, i) => ({ x: (i / (24 * 365)) * plotPx, flag: flag(i) }));
  const groups = groupFlags(placed);
  expect(groups.length).toBeLessThanOrEqual(Math.ceil(plotPx / FLAG_MARKER_PX));
  expect(groups.reduce((n, g) => n + g.flags.length, 0)).toBe(24 * 365);
  for (let i = 1; i < groups.length; i++) expect(groups[i]!.x - groups[i - 1]!.x).toBeGreaterThanOrEqual(FLAG_MARKER_PX / 2);
});

test("the worst severity of a group wins; none when no flag has one", () => {
  expect(worstSeverity([flag(1, { severity: "info" }), flag(2, { severity: "warning" })])).toBe("warning");
  expect(worstSeverity([flag(1)])).toBeUndefined();
});
