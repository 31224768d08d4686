import { describe, expect, it } from "vitest";
import { coverage, LIVE_MS, scopedSites, serves, type CollectorRow } from "./collectors";

const now = Date.parse("2026-12-06T12:00:00Z");
const row = (id: string, site: string | null, seenAgoMs: number, stopped = false): CollectorRow => ({
  id,
  site,
  role: site ? "collector" : "web",
  version: "0.1.0",
  hostname: id,
  pid: 1,
  startedAt: new Date(now - 3_600_000),
  lastSeenAt: new Date(now - seenAgoMs),
  stoppedAt: stopped ? new Date(now - seenAgoMs) : null,
  jobsDone: 3,
  lastJobAt: null,
});

describe("which process collects which site", () => {
  const web = row("web", null, 5_000);
  const far = row("far-1", "far", 10_000);

  it("a site with a collector of its own is collected by it alone", () => {
    const scoped = scopedSites([web, far], "web");
    expect(serves(null, "far", scoped)).toBe(false);
    expect(serves(null, "default", scoped)).toBe(true);
    expect(serves("far", "far", scoped)).toBe(true);
    expect(serves("far", "default", scoped)).toBe(false);
  });

  it("a site whose collector stopped or went silent stays its own: its collections wait instead of failing from here", () => {
    for (const gone of [row("far-1", "far", 1_000, true), row("far-1", "far", LIVE_MS * 10)]) {
      expect(serves(null, "far", scopedSites([web, gone], "web"))).toBe(false);
      expect(coverage("far", 2, [web, gone], now)).toMatchObject({ uncovered: true, collectors: [{ id: "far-1", live: false }] });
    }
  });

  it("a site with hosts and no live process for it is flagged; a live collector covers it; the unscoped server covers the rest", () => {
    expect(coverage("far", 2, [web, far], now)).toMatchObject({ uncovered: false, collectors: [{ id: "far-1", live: true }] });
    expect(coverage("default", 5, [web, far], now)).toMatchObject({ uncovered: false, collectors: [{ id: "web" }] });
    expect(coverage("default", 5, [row("web", null, LIVE_MS + 1)], now)).toEqual({ uncovered: true, collectors: [] });
    expect(coverage("empty", 0, [], now).uncovered).toBe(false);
  });
});
