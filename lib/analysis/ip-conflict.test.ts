import { describe, expect, test } from "vitest";
import type { NeighborEventView } from "./input";
import { detectIpConflict } from "./ip-conflict";
import { host, input, mac, neigh, nic, summary } from "./test-builders";

const A = "02:aa:00:00:00:01";
const B = "02:bb:00:00:00:02";
const ev = (hostId: number, at: string, macNow: string, previousMac: string, ip = "10.9.1.50"): NeighborEventView => ({
  hostId,
  runId: 1,
  ip,
  mac: macNow,
  previousMac,
  interface: "eth0",
  kind: "changed",
  at,
});

describe("one IP, several MACs", () => {
  test.each([
    {
      name: "two collected hosts hold the same address",
      hosts: [host(1, [nic("eth0", mac(1), ["10.9.1.50/24"])]), host(2, [nic("eth0", mac(2), ["10.9.1.50/24"])])],
      events: [],
      expected: [["ip-conflict", "critical", "ip-conflict:10.9.1.50"]],
      hostIds: [1, 2],
    },
    {
      name: "two hosts resolve one address to different MACs, both freshly confirmed",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", A, "eth0", "reachable")] }),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])], { neighbors: [neigh("10.9.1.50", B, "eth0", "delay")] }),
      ],
      events: [],
      expected: [["ip-conflict", "critical", "ip-conflict:10.9.1.50"]],
      hostIds: [1, 2],
    },
    {
      name: "flip flop: one host's entry went A→B and back to A within a day",
      hosts: [host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", A, "eth0", "stale")] })],
      events: [ev(1, "2026-03-01T10:00:00.000Z", B, A), ev(1, "2026-03-01T11:00:00.000Z", A, B)],
      expected: [["ip-conflict", "critical", "ip-conflict:10.9.1.50"]],
      hostIds: [1],
    },
    {
      name: "benign: a single change that stuck (a replaced device) is only history",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", B)] }),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])], { neighbors: [neigh("10.9.1.50", B, "eth0", "stale")] }),
      ],
      events: [ev(1, "2026-03-01T10:00:00.000Z", B, A)],
      expected: [],
      hostIds: [],
    },
    {
      name: "benign: a collected host got a new NIC; one neighbor still caches the old MAC as stale",
      hosts: [
        host(3, [nic("eth0", B, ["10.9.1.50/24"])]),
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", A, "eth0", "stale")] }),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])], { neighbors: [neigh("10.9.1.50", B, "eth0", "reachable")] }),
      ],
      events: [],
      expected: [],
      hostIds: [],
    },
    {
      name: "benign: every Docker host has 172.17.0.1 on docker0",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"]), nic("docker0", mac(11), ["172.17.0.1/16"], { kind: "bridge" })]),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"]), nic("docker0", mac(12), ["172.17.0.1/16"], { kind: "bridge" })]),
      ],
      events: [],
      expected: [],
      hostIds: [],
    },
    {
      name: "benign: a flip flop more than a day ago no longer counts",
      hosts: [host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", A)] })],
      events: [ev(1, "2026-02-27T10:00:00.000Z", B, A), ev(1, "2026-02-27T11:00:00.000Z", A, B)],
      expected: [],
      hostIds: [],
    },
    {
      name: "edge: two stale entries with different MACs and no known owner or change is a warning",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", A, "eth0", "stale")] }),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])], { neighbors: [neigh("10.9.1.50", B, "eth0", "stale")] }),
      ],
      events: [],
      expected: [["ip-conflict", "warning", "ip-conflict:10.9.1.50"]],
      hostIds: [1, 2],
    },
    {
      name: "edge: snapshots hours apart are not compared (the older host's collection has been failing)",
      hosts: [
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.50", A)], takenAt: "2026-03-01T06:00:00.000Z" }),
        host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])], { neighbors: [neigh("10.9.1.50", B)] }),
      ],
      events: [],
      expected: [],
      hostIds: [],
    },
  ])("$name", ({ hosts, events, expected, hostIds }) => {
    const found = detectIpConflict(input(hosts, events));
    expect(summary(found)).toEqual(expected);
    if (found[0]) expect(found[0].hostIds).toEqual(hostIds);
  });

  test("the flip-flop finding shows the history rows with their host and time", () => {
    const [f] = detectIpConflict(
      input([host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])])], [ev(1, "2026-03-01T10:00:00.000Z", B, A), ev(1, "2026-03-01T11:00:00.000Z", A, B)]),
    );
    expect(f?.title).toBe(`IP 10.9.1.50 is claimed by ${A} and ${B}`);
    expect(f?.explanation).toContain("h1 saw it flip back and forth");
    expect(f?.evidence.map((r) => [r.hostName, r.source, r.at, r.fields.mac, r.fields.previousMac])).toEqual([
      ["h1", "neighbor history", "2026-03-01T10:00:00.000Z", B, A],
      ["h1", "neighbor history", "2026-03-01T11:00:00.000Z", A, B],
    ]);
    // The first flip proves it; the flip back repeats it
    expect(f?.evidence.map((r) => r.proves ?? false)).toEqual([true, false]);
  });
});
