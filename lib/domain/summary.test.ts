import { describe, expect, test } from "vitest";
import { summarize } from "./summary";
import type { RunSummary } from "./views";

const run = (status: RunSummary["status"], finishedAt: string | null): RunSummary => ({ hostId: 1, runId: 1, status, error: null, errorCode: null, startedAt: "2026-12-01T00:00:00.000Z", finishedAt });

describe("summary for dashboard widgets", () => {
  test("up = reached (ok or partial), down = failed, unknown = never collected or collecting; the newest end", () => {
    const hosts = [
      { lastRun: run("ok", "2026-12-01T10:00:00.000Z") },
      { lastRun: run("partial", "2026-12-01T10:05:00.000Z") },
      { lastRun: run("failed", "2026-12-01T10:04:00.000Z") },
      { lastRun: run("running", null) },
      { lastRun: null },
    ];
    expect(summarize(hosts, { critical: 1, warning: 2, info: 3 }, new Date("2026-12-01T10:06:00Z"))).toEqual({
      hosts: { total: 5, up: 2, down: 1, unknown: 2 },
      findings: { open: 6, critical: 1, warning: 2, info: 3 },
      lastCollectionAt: "2026-12-01T10:05:00.000Z",
      generatedAt: "2026-12-01T10:06:00.000Z",
    });
  });

  test("no hosts yet", () => {
    expect(summarize([], { critical: 0, warning: 0, info: 0 }, new Date(0))).toMatchObject({ hosts: { total: 0, up: 0, down: 0, unknown: 0 }, lastCollectionAt: null });
  });
});
