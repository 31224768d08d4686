import { describe, expect, test } from "vitest";
import type { FindingView } from "@/lib/domain/views";
import { matchesSearch, sortFindings } from "./finding-search";

let nextId = 1;
function finding(o: Partial<FindingView> = {}): FindingView {
  return {
    id: nextId++,
    scope: "collection",
    key: "k",
    kind: "mtu-mismatch",
    severity: "warning",
    status: "open",
    hostIds: [],
    hosts: [],
    involvedHostIds: [],
    involvedHosts: [],
    subject: { type: "subnet", id: "10.0.1.0/24", label: "subnet 10.0.1.0/24" },
    title: "MTU mismatch",
    explanation: "Interfaces disagree.",
    fix: "Set it.",
    evidence: [],
    firstSeenAt: "2026-03-01T10:00:00.000Z",
    lastSeenAt: "2026-03-01T10:00:00.000Z",
    openedAt: "2026-03-01T10:00:00.000Z",
    resolvedAt: null,
    occurrences: 1,
    statusReason: null,
    statusChangedAt: null,
    staleHosts: [],
    ...o,
  };
}

describe("search", () => {
  const f = finding({
    title: "Jumbo frames do not pass",
    subject: { type: "pair", id: "7~8", label: "nas (10.0.20.17) ↔ backup" },
    hosts: [{ id: 7, name: "NAS-01" }],
    involvedHosts: [{ id: 9, name: "router" }],
  });

  test.each(["jumbo", "JUMBO FRAMES", "disagree", "10.0.20.17", "↔ backup", "nas-01", "router"])("finds %s", (q) => {
    expect(matchesSearch(f, q)).toBe(true);
  });

  test.each(["label", "pair", "subnet", "jumbo_frames", "%", "7~8"])("a word of the stored JSON or a LIKE wildcard finds nothing: %s", (q) => {
    expect(matchesSearch(f, q)).toBe(false);
  });
});

describe("order", () => {
  const a = finding({ severity: "info", lastSeenAt: "2026-03-01T12:00:00.000Z" });
  const b = finding({ severity: "critical", lastSeenAt: "2026-03-01T10:00:00.000Z", hosts: [{ id: 1, name: "h1" }] });
  const c = finding({ severity: "warning", lastSeenAt: "2026-03-01T11:00:00.000Z", hosts: [1, 2, 3].map((id) => ({ id, name: `h${id}` })) });
  const d = finding({ severity: "critical", lastSeenAt: "2026-03-01T11:30:00.000Z", hosts: [1, 2, 3].map((id) => ({ id, name: `h${id}` })) });

  test("by default worst first, the most recently seen first within a severity", () => {
    expect(sortFindings([a, b, c, d]).map((f) => f.id)).toEqual([d, b, c, a].map((f) => f.id));
  });

  test("most hosts first, then worst", () => {
    expect(sortFindings([a, b, c, d], "hosts").map((f) => f.id)).toEqual([d, c, b, a].map((f) => f.id));
  });

  test("newest and oldest keep the database's order", () => {
    expect(sortFindings([a, b, c], "oldest")).toEqual([a, b, c]);
    expect(sortFindings([c, b, a], "newest")).toEqual([c, b, a]);
  });
});
