import { describe, expect, test } from "vitest";
import { evaluate } from "./evaluate";
import { evidenceIdentity } from "./evidence";
import { host, input, mac, neigh, nic, summary } from "./test-builders";
import type { DetectedFinding } from "@/lib/domain/finding";

const M = mac(5);
// The lab in miniature: h3 jumbo, h5 two NICs one MAC, h2 a secondary address, h1 clean.
const lab = () =>
  input([
    host(1, [nic("eth0", mac(1), ["10.9.1.11/24"], { kind: "veth", speedMbps: 10000, driver: "veth" })], {
      neighbors: [neigh("10.9.1.12", mac(2), "eth0", "stale"), neigh("10.9.1.102", mac(2), "eth0", "stale"), neigh("10.9.1.15", M, "eth0", "stale")],
    }),
    host(2, [nic("eth0", mac(2), ["10.9.1.12/24", "10.9.1.102/24"], { kind: "veth", speedMbps: 10000, driver: "veth" })]),
    host(3, [nic("eth0", mac(3), ["10.9.1.13/24"], { kind: "veth", mtu: 9000, speedMbps: 10000, driver: "veth" })]),
    host(5, [nic("eth0", M, ["10.9.1.15/24"], { kind: "veth" }), nic("eth1", M, ["10.9.10.15/24"], { kind: "veth" })]),
    host(6, [nic("eth0", mac(6), ["10.9.1.16/24"], { kind: "veth" }), nic("eth1", mac(7), ["10.9.10.16/24"], { kind: "veth" })], {
      neighbors: [neigh("10.9.1.15", M, "eth0", "stale"), neigh("10.9.10.15", M, "eth1", "stale")],
    }),
  ]);

describe("evaluate", () => {
  test("the lab's faults, worst first; the clean host is in no warning or critical", () => {
    const found = evaluate(lab());
    expect(summary(found)).toEqual([
      ["duplicate-mac", "critical", `duplicate-mac:${M}`],
      ["mtu-mismatch", "warning", "mtu-mismatch:10.9.1.0/24"],
      ["duplicate-mac", "info", `duplicate-mac:${mac(2)}`],
    ]);
    expect(found.filter((f) => f.severity !== "info" && f.hostIds.includes(1))).toEqual([]);
  });

  test("an extra detector plugs in; a key already reported is kept once", () => {
    const extra = (): DetectedFinding[] => [{ ...evaluate(lab())[0]!, title: "again" }];
    const found = evaluate(lab(), [extra]);
    expect(found.filter((f) => f.key === `duplicate-mac:${M}`).map((f) => f.title)).not.toContain("again");
  });

  test("evidence identity ignores times, counters and neighbor state, not who is involved", () => {
    const [f] = evaluate(lab());
    const row = f!.evidence[0]!;
    const later = { ...f!, evidence: f!.evidence.map((r) => ({ ...r, at: "2030-01-01T00:00:00.000Z", fields: { ...r.fields, state: "reachable", mtu: 1234 } })) };
    expect(evidenceIdentity(later)).toBe(evidenceIdentity(f!));
    const other = { ...f!, evidence: [...f!.evidence, { ...row, hostId: 99 }] };
    expect(evidenceIdentity(other)).not.toBe(evidenceIdentity(f!));
    expect(evidenceIdentity({ ...f!, severity: "warning" })).not.toBe(evidenceIdentity(f!));
  });
});
