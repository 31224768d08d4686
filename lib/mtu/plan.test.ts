import { describe, expect, test } from "vitest";
import { dueJumboProbes, mtusChanged, planProbes, probePathKey, probeSizes, type PlanHost, type PlanInterface } from "./plan";

const nic = (name: string, mtu: number | null, addresses: string[], state = "up"): PlanInterface => ({ name, mtu, state, addresses });
const host = (id: number, ...interfaces: PlanInterface[]): PlanHost => ({ id, name: `h${id}`, platform: "linux", interfaces });
const lo = nic("lo", 65536, ["127.0.0.1/8", "::1/128"]);

/** "h1 10.0.1.11 -> h3 10.0.1.13 8972" */
const summary = (hosts: PlanHost[], only?: number) =>
  planProbes(hosts, only).map((p) => `${p.fromHostName} ${p.fromAddress} -> ${p.toHostName} ${p.toAddress} ${p.payloadBytes}`);

describe("probeSizes: MTU - 28, plus one size below", () => {
  test.each([
    [9000, 8972, 1472],
    [1500, 1472, 1372],
    [9216, 9188, 1472],
    [1450, 1422, 1322],
  ])("MTU %i -> %i and %i", (mtu, expected, below) => {
    expect(probeSizes(mtu)).toEqual({ expected, below });
  });
});

describe("planProbes", () => {
  test("hosts sharing a subnet are probed both ways at each sender's own size", () => {
    const hosts = [
      host(1, lo, nic("eth0", 1500, ["10.0.1.11/24", "fe80::1/64"])),
      host(3, lo, nic("eth0", 9000, ["10.0.1.13/24", "fe80::3/64"])),
    ];
    expect(summary(hosts)).toEqual([
      "h1 10.0.1.11 -> h3 10.0.1.13 1472",
      "h1 10.0.1.11 -> h3 10.0.1.13 1372",
      "h3 10.0.1.13 -> h1 10.0.1.11 8972",
      "h3 10.0.1.13 -> h1 10.0.1.11 1472",
    ]);
    const [first] = planProbes(hosts);
    expect(first).toMatchObject({ fromMtu: 1500, toMtu: 9000, subnet: "10.0.1.0/24", size: "expected", fromInterface: "eth0", toInterface: "eth0" });
  });

  test("hosts on different subnets, loopback, link-local and down interfaces are never paired", () => {
    const hosts = [
      host(1, lo, nic("eth0", 1500, ["10.0.1.11/24", "169.254.0.1/16"]), nic("eth9", 1500, ["10.0.99.1/24"], "down")),
      host(2, lo, nic("eth0", 1500, ["10.0.2.12/24", "169.254.0.2/16"]), nic("eth9", 1500, ["10.0.99.2/24"], "down")),
    ];
    expect(planProbes(hosts)).toEqual([]);
  });

  test("a dual-homed pair gets one path per shared subnet; a secondary address adds none", () => {
    const hosts = [
      host(7, nic("eth0", 1500, ["10.0.1.17/24", "10.0.1.117/24"]), nic("eth1", 9000, ["10.0.20.17/24"])),
      host(8, nic("eth0", 1500, ["10.0.1.18/24"]), nic("eth1", 9000, ["10.0.20.18/24"])),
    ];
    expect(summary(hosts)).toEqual([
      "h7 10.0.1.17 -> h8 10.0.1.18 1472",
      "h7 10.0.1.17 -> h8 10.0.1.18 1372",
      "h8 10.0.1.18 -> h7 10.0.1.17 1472",
      "h8 10.0.1.18 -> h7 10.0.1.17 1372",
      "h7 10.0.20.17 -> h8 10.0.20.18 8972",
      "h7 10.0.20.17 -> h8 10.0.20.18 1472",
      "h8 10.0.20.18 -> h7 10.0.20.17 8972",
      "h8 10.0.20.18 -> h7 10.0.20.17 1472",
    ]);
  });

  test("different prefix lengths pair only when each address is inside the other's network", () => {
    const wide = host(1, nic("eth0", 1500, ["10.0.0.5/23"]));
    // 10.0.1.6/24 is inside the /23, but 10.0.0.5 is not inside 10.0.1.0/24: no direct path
    const otherHalf = host(2, nic("eth0", 1500, ["10.0.1.6/24"]));
    const sameHalf = host(3, nic("eth0", 1500, ["10.0.0.7/24"]));
    expect(planProbes([wide, otherHalf])).toEqual([]);
    expect(planProbes([wide, sameHalf]).map((p) => p.subnet)).toEqual(Array(4).fill("10.0.0.0/24"));
  });

  test("two hosts claiming the same address (an IP conflict) are not probed at each other", () => {
    expect(planProbes([host(1, nic("eth0", 1500, ["10.0.1.5/24"])), host(2, nic("eth0", 1500, ["10.0.1.5/24"]))])).toEqual([]);
  });

  test("with a host id, only paths from or to that host", () => {
    const hosts = [1, 2, 3].map((i) => host(i, nic("eth0", 1500, [`10.0.1.1${i}/24`])));
    expect(summary(hosts, 2)).toEqual([
      "h1 10.0.1.11 -> h2 10.0.1.12 1472",
      "h1 10.0.1.11 -> h2 10.0.1.12 1372",
      "h2 10.0.1.12 -> h1 10.0.1.11 1472",
      "h2 10.0.1.12 -> h1 10.0.1.11 1372",
      "h2 10.0.1.12 -> h3 10.0.1.13 1472",
      "h2 10.0.1.12 -> h3 10.0.1.13 1372",
      "h3 10.0.1.13 -> h2 10.0.1.12 1472",
      "h3 10.0.1.13 -> h2 10.0.1.12 1372",
    ]);
  });
});

describe("mtusChanged", () => {
  const eth0 = (mtu: number | null) => ({ name: "eth0", mtu });
  test.each([
    ["first snapshot", null, [eth0(1500)], false],
    ["same MTUs", [eth0(1500)], [eth0(1500)], false],
    ["eth0 raised to 9000", [eth0(1500)], [eth0(9000)], true],
    ["a container veth came and went", [eth0(1500), { name: "veth1a2b", mtu: 1500 }], [eth0(1500), { name: "veth9f8e", mtu: 1500 }], false],
  ])("%s", (_, previous, latest, changed) => {
    expect(mtusChanged(previous, latest)).toBe(changed);
  });
});

describe("dueJumboProbes: what runs with nobody pressing Verify MTU", () => {
  const DAY = 24 * 3_600_000;
  const now = Date.UTC(2026, 11, 5, 12);
  // h1 at 1500 and h3 at 9000 on segment A; h7 and h8 at 9000 on segment C (a jumbo pair)
  const hosts = [
    host(1, nic("eth0", 1500, ["10.0.1.11/24"])),
    host(3, nic("eth0", 9000, ["10.0.1.13/24"])),
    host(7, nic("eth0", 1500, ["10.0.1.17/24"]), nic("eth1", 9000, ["10.0.20.17/24"])),
    host(8, nic("eth0", 1500, ["10.0.1.18/24"]), nic("eth1", 9000, ["10.0.20.18/24"])),
  ];
  const line = (p: { fromHostName: string; toHostName: string; payloadBytes: number }) => `${p.fromHostName}>${p.toHostName} ${p.payloadBytes}`;

  test("a pair whose both ends are above 1500, never probed: both directions, both sizes; a 9000 host among 1500 ones is left to the passive check", () => {
    expect(dueJumboProbes(hosts, 7, new Map(), now, DAY).map(line)).toEqual(["h7>h8 8972", "h7>h8 1472", "h8>h7 8972", "h8>h7 1472"]);
    expect(dueJumboProbes(hosts, 3, new Map(), now, DAY)).toEqual([]);
  });

  test("probed within the cadence: nothing; older than the cadence, or one direction never probed: the pair again", () => {
    const all = dueJumboProbes(hosts, 8, new Map(), now, DAY);
    const at = (ms: number) => new Map(all.map((p) => [probePathKey(p), ms]));
    expect(dueJumboProbes(hosts, 8, at(now - DAY + 60_000), now, DAY)).toEqual([]);
    expect(dueJumboProbes(hosts, 8, at(now - DAY), now, DAY)).toHaveLength(4);
    const half = at(now - 60_000);
    half.delete(probePathKey(all[2]!));
    expect(dueJumboProbes(hosts, 8, half, now, DAY)).toHaveLength(4);
    // cadence 0: only what was never probed
    expect(dueJumboProbes(hosts, 8, at(now - 365 * DAY), now, 0)).toEqual([]);
  });

  test("an MTU change makes new sizes, so the pair is due at once", () => {
    const all = dueJumboProbes(hosts, 7, new Map(), now, DAY);
    const lastAt = new Map(all.map((p) => [probePathKey(p), now - 60_000]));
    const raised = hosts.map((h) => (h.id === 8 ? host(8, nic("eth0", 1500, ["10.0.1.18/24"]), nic("eth1", 9216, ["10.0.20.18/24"])) : h));
    expect(dueJumboProbes(raised, 7, lastAt, now, DAY).map(line)).toEqual(["h7>h8 8972", "h7>h8 1472", "h8>h7 9188", "h8>h7 1472"]);
  });
});

describe("planProbes over IPv6", () => {
  test("global and unique-local addresses sharing a /64 are probed at MTU - 48 from Linux senders; link-local never", () => {
    const hosts = [
      host(7, nic("eth1", 9000, ["10.0.20.17/24", "fd00:0:20::17/64", "fe80::7/64"])),
      { ...host(8, nic("eth1", 9000, ["10.0.20.18/24", "fd00:0:20::18/64", "fe80::8/64"])), platform: "freebsd" as const },
    ];
    expect(summary(hosts)).toEqual([
      "h7 10.0.20.17 -> h8 10.0.20.18 8972",
      "h7 10.0.20.17 -> h8 10.0.20.18 1472",
      "h8 10.0.20.18 -> h7 10.0.20.17 8972",
      "h8 10.0.20.18 -> h7 10.0.20.17 1472",
      // h8 is FreeBSD: no IPv6 DF ping netdiag trusts there, so only h7 sends
      "h7 fd00:0:20::17 -> h8 fd00:0:20::18 8952",
      "h7 fd00:0:20::17 -> h8 fd00:0:20::18 1452",
    ]);
    expect(probeSizes(1500, 6)).toEqual({ expected: 1452, below: 1352 });
  });
});
