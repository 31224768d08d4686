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
      expect(coverage("far", 2, [web, gone], [], now)).toMatchObject({ uncovered: true, collectors: [{ id: "far-1", live: false }] });
    }
  });

  it("a site with hosts and no live process for it is flagged; a live collector covers it; the unscoped server covers the rest", () => {
    expect(coverage("far", 2, [web, far], [], now)).toMatchObject({ uncovered: false, collectors: [{ id: "far-1", live: true }] });
    expect(coverage("default", 5, [web, far], [], now)).toMatchObject({ uncovered: false, collectors: [{ id: "web" }] });
    expect(coverage("default", 5, [row("web", null, LIVE_MS + 1)], [], now)).toEqual({ uncovered: true, collectors: [], lastSweepAt: null, lagSeconds: null });
    expect(coverage("empty", 0, [], [], now).uncovered).toBe(false);
  });

  it("lag: how long the sweep covering a site has been due with nobody running it", () => {
    const jobs = [
      { key: "collect-all", nextDueAt: new Date(now + 120_000), lastRunAt: new Date(now - 180_000) },
      { key: "collect-all:far", nextDueAt: new Date(now - 600_000), lastRunAt: new Date(now - 900_000) },
    ];
    // The far site's collector died ten minutes before its next sweep fell due.
    expect(coverage("far", 2, [web, row("far-1", "far", LIVE_MS * 10)], jobs, now)).toMatchObject({ lagSeconds: 600, lastSweepAt: "2026-12-06T11:45:00.000Z" });
    // The default site is swept by the unscoped server's own job, on time.
    expect(coverage("default", 5, [web, far], jobs, now)).toMatchObject({ lagSeconds: 0, lastSweepAt: "2026-12-06T11:57:00.000Z" });
    expect(coverage("far", 2, [web, far], [], now).lagSeconds).toBeNull();
  });
});
