import { describe, expect, test } from "vitest";
import type { DetectedFinding } from "@/lib/domain/finding";
import { notifiedMove, planFindingSync, type StoredFindingState } from "./finding-sync";

const detected = (key: string, evidence = "e1", hostIds = [1, 2]): DetectedFinding => ({
  kind: "duplicate-mac",
  severity: "critical",
  key,
  hostIds,
  subject: { type: "mac", id: key, label: key },
  title: key,
  explanation: "",
  fix: "",
  evidence: [{ hostId: 1, hostName: "h1", at: "2026-12-01T00:00:00Z", source: "test", fields: { v: evidence } }],
});
const hash = (f: DetectedFinding) => String(f.evidence[0]?.fields.v);
const stored = (over: Partial<StoredFindingState> & { key: string }): StoredFindingState => ({
  id: 7,
  status: "open",
  mutedEvidenceHash: null,
  hostIds: [1, 2],
  involvedHostIds: [],
  ...over,
});
const hosts = new Set([1, 2, 3]);

describe("planFindingSync", () => {
  test("a new key opens", () => {
    const { changes, summary } = planFindingSync([], [detected("a")], hosts, hash);
    expect(changes).toEqual([{ op: "create", write: { finding: detected("a"), hash: "e1", hostIds: [1, 2], involvedHostIds: [] } }]);
    expect(summary).toEqual({ opened: 1, reopened: 0, updated: 0, resolved: 0 });
  });

  test.each([
    ["open stays open", stored({ key: "a" }), "e1", null],
    ["acknowledged stays acknowledged", stored({ key: "a", status: "acknowledged" }), "e2", null],
    ["muted with the same evidence stays muted", stored({ key: "a", status: "muted", mutedEvidenceHash: "e1" }), "e1", null],
    [
      "muted, then the evidence changed: reopens with a reason",
      stored({ key: "a", status: "muted", mutedEvidenceHash: "e1" }),
      "e2",
      { status: "open", clearMute: true, reason: "Reopened: the evidence changed after it was muted", reopen: false },
    ],
    ["resolved and back: a new occurrence, open", stored({ key: "a", status: "resolved" }), "e1", { status: "open", clearMute: true, reason: null, reopen: true }],
    [
      "resolved and back with the evidence it was muted with: muted again",
      stored({ key: "a", status: "resolved", mutedEvidenceHash: "e1" }),
      "e1",
      { status: "muted", clearMute: false, reopen: true },
    ],
  ])("a known key: %s", (_name, row, evidence, transition) => {
    const { changes } = planFindingSync([row], [detected("a", evidence)], hosts, hash);
    expect(changes).toEqual([{ op: "update", id: 7, write: { finding: detected("a", evidence), hash: evidence, hostIds: [1, 2], involvedHostIds: [] }, transition, hostsChanged: false }]);
  });

  test("involved hosts: kept apart from affected ones, a host never both, a change of either is a host change", () => {
    const d = { ...detected("a"), involvedHostIds: [3, 2, 9] };
    const { changes } = planFindingSync([stored({ key: "a" })], [d], hosts, hash);
    // 2 has the fault already; 9 no longer exists
    expect(changes).toEqual([expect.objectContaining({ op: "update", write: expect.objectContaining({ hostIds: [1, 2], involvedHostIds: [3] }), hostsChanged: true })]);
    const again = planFindingSync([stored({ key: "a", involvedHostIds: [3] })], [d], hosts, hash);
    expect(again.changes).toEqual([expect.objectContaining({ hostsChanged: false })]);
  });

  test("a key no longer detected resolves; one already resolved is left alone", () => {
    const rows = [stored({ id: 1, key: "gone" }), stored({ id: 2, key: "old", status: "resolved" }), stored({ id: 3, key: "muted", status: "muted" })];
    const { changes, summary } = planFindingSync(rows, [], hosts, hash);
    expect(changes).toEqual([{ op: "resolve", ids: [1, 3] }]);
    expect(summary.resolved).toBe(2);
  });

  test("an incomplete list (a one-way iperf run) resolves nothing", () => {
    const { changes } = planFindingSync([stored({ key: "gone" })], [], hosts, hash, false);
    expect(changes).toEqual([]);
  });

  test("hosts that no longer exist are dropped, and a changed host set is rewritten", () => {
    const { changes } = planFindingSync([stored({ key: "a", hostIds: [1, 2] })], [detected("a", "e1", [3, 9, 1, 3])], hosts, hash);
    expect(changes).toMatchObject([{ op: "update", write: { hostIds: [1, 3] }, hostsChanged: true }]);
  });

  test("a key reported twice counts once", () => {
    const { changes, summary } = planFindingSync([], [detected("a"), detected("a", "e2")], hosts, hash);
    expect(changes).toHaveLength(1);
    expect(summary.opened).toBe(1);
  });
});

describe("what a sync tells the notifier", () => {
  const reopen = { status: "open" as const, clearMute: true, reason: null, reopen: true };
  test("new, reopened and unmuted findings open; more severe ones are raised", () => {
    expect(notifiedMove(null, { transition: null, severity: "warning" })).toEqual({ transition: "opened" });
    expect(notifiedMove({ status: "resolved", severity: "warning" }, { transition: reopen, severity: "warning" })).toEqual({ transition: "opened" });
    expect(notifiedMove({ status: "open", severity: "warning" }, { transition: null, severity: "critical" })).toEqual({ transition: "raised", previousSeverity: "warning" });
  });
  test("muted, acknowledged, unchanged or milder findings say nothing", () => {
    expect(notifiedMove({ status: "resolved", severity: "warning" }, { transition: { status: "muted", clearMute: false, reopen: true }, severity: "warning" })).toBeNull();
    expect(notifiedMove({ status: "acknowledged", severity: "warning" }, { transition: null, severity: "critical" })).toBeNull();
    expect(notifiedMove({ status: "muted", severity: "warning" }, { transition: null, severity: "critical" })).toBeNull();
    expect(notifiedMove({ status: "open", severity: "critical" }, { transition: null, severity: "warning" })).toBeNull();
    expect(notifiedMove({ status: "open", severity: "warning" }, { transition: null, severity: "warning" })).toBeNull();
  });
});
