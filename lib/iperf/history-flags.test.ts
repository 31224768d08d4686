import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { historyFlags, MAX_HISTORY_FLAGS, normalizeRoute, type FlagRun } from "./history-flags";

// Captured on this project's lab (iproute2 6.1): h1 -> h4 on one segment, the same with a gateway
// route added for the test, an IPv6 route between h8 and h7, and a non-root login (uid 1012).
const LAB = {
  direct: "10.221.1.14 dev eth0 src 10.221.1.11 uid 0 \n    cache \n",
  via: "10.221.99.5 via 10.221.1.254 dev eth0 src 10.221.1.11 uid 0 \n    cache \n",
  ipv6: "fd00:221:20::17 from :: dev eth1 proto kernel src fd00:221:20::18 metric 256 pref medium\n",
  user: "10.221.30.20 dev eth0 src 10.221.30.24 uid 1012 \n    cache \n",
  h4: "10.221.1.11 dev eth0 src 10.221.1.14 uid 0 \n    cache \n",
};
// One host, one destination, two ECMP next hops: one with a cached PMTU exception, one without.
const PMTU = readCapture("linux/ip-route-get-pmtu-cache__netdev-vdovin-20241029.txt");
const OTHER_HOP = readCapture("linux/ip-route-get-ecmp-other-nexthop__netdev-vdovin-20241029.txt");

describe("normalizeRoute", () => {
  test.each([
    ["lab, direct", LAB.direct, "10.221.1.14 dev eth0 src 10.221.1.11"],
    ["lab, through a gateway", LAB.via, "10.221.99.5 via 10.221.1.254 dev eth0 src 10.221.1.11"],
    ["lab, IPv6", LAB.ipv6, "fd00:221:20::17 from :: dev eth1 proto kernel src fd00:221:20::18 metric 256 pref medium"],
    ["lab, non-root login", LAB.user, "10.221.30.20 dev eth0 src 10.221.30.24"],
    ["PMTU exception cached", PMTU, "10.10.30.30 via 10.179.2.12 dev ens17f1 src 10.179.20.18"],
    ["the other next hop", OTHER_HOP, "10.10.30.30 via 10.179.2.140 dev ens17f0 src 10.179.20.18"],
  ])("%s", (_name, text, line) => {
    expect(normalizeRoute(text)).toBe(line);
  });

  test("cache, uid and expiry noise is not a change; another next hop is", () => {
    // The same route once the PMTU exception has expired, and seen by another login.
    const expired = PMTU.replace(/cache expires \d+sec mtu \d+/, "cache").replace("uid 0", "uid 1000");
    expect(normalizeRoute(expired)).toBe(normalizeRoute(PMTU));
    expect(normalizeRoute(OTHER_HOP)).not.toBe(normalizeRoute(PMTU));
    // An RA-learned IPv6 route counts its lifetime down between runs.
    const ra = (s: number) => `2001:db8::1 from :: via fe80::1 dev eth0 proto ra src 2001:db8::2 metric 1024 expires ${s}sec hoplimit 64 pref medium`;
    expect(normalizeRoute(ra(1789))).toBe(normalizeRoute(ra(12)));
  });

  test("nothing captured is no route", () => {
    expect(normalizeRoute(null)).toBeNull();
    expect(normalizeRoute("  \n    cache \n")).toBeNull();
  });
});

const pair = { a: { id: 1, name: "h1" }, b: { id: 4, name: "h4" } };
let nextId = 1;
/** A run h1 -> h4 (or `swapped`: h4 -> h1), both directions, link speeds known, direct routes. */
const run = (over: Partial<FlagRun> & { swapped?: boolean } = {}): FlagRun => {
  const { swapped, ...rest } = over;
  const id = nextId++;
  return {
    runId: id,
    t: id * 3_600_000,
    clientHostId: swapped ? 4 : 1,
    serverHostId: swapped ? 1 : 4,
    verdictKeys: [],
    fwdBps: swapped ? 287e6 : 9.4e9,
    revBps: swapped ? 9.4e9 : 287e6,
    linkKnown: true,
    clientRoute: swapped ? LAB.h4 : LAB.direct,
    serverRoute: swapped ? LAB.direct : LAB.h4,
    ...rest,
  };
};
const ASYM = "iperf-asymmetry:1-4";
const SLOW = "iperf-below-link-speed:1-4";

describe("historyFlags", () => {
  test("a verdict held by consecutive runs is flagged where it began and where it ended", () => {
    const runs = [run(), run({ verdictKeys: [ASYM] }), run({ verdictKeys: [ASYM] }), run({ verdictKeys: [ASYM], swapped: true }), run()];
    const { flags, omitted } = historyFlags(pair, null, runs);
    expect(omitted).toBe(0);
    expect(flags).toEqual([
      { t: runs[1]!.t, kind: "iperf-asymmetry", phase: "began", label: "Asymmetry began: h1 → h4 9.4 Gbit/s, h4 → h1 287 Mbit/s", severity: "warning", runId: runs[1]!.runId, findingKey: ASYM, hostId: null },
      { t: runs[4]!.t, kind: "iperf-asymmetry", phase: "ended", label: "Asymmetry ended: h1 → h4 9.4 Gbit/s, h4 → h1 287 Mbit/s", severity: "info", runId: runs[4]!.runId, findingKey: ASYM, hostId: null },
    ]);
  });

  test("the pair's first run with a verdict begins it; a verdict already there before the range does not", () => {
    const first = run({ verdictKeys: [ASYM, SLOW] });
    expect(historyFlags(pair, null, [first]).flags.map((f) => `${f.kind} ${f.phase}`)).toEqual(["iperf-asymmetry began", "iperf-below-link-speed began"]);
    const before = run({ verdictKeys: [ASYM] });
    expect(historyFlags(pair, before, [run({ verdictKeys: [ASYM] })]).flags).toEqual([]);
  });

  test("a run that could not judge a verdict neither ends nor restarts it", () => {
    const runs = [
      run({ verdictKeys: [ASYM, SLOW] }),
      // One direction only: no asymmetry can be seen, so it has not ended.
      run({ verdictKeys: [SLOW], revBps: null }),
      // No NIC speed known: "below link speed" is not judged either.
      run({ verdictKeys: [ASYM], linkKnown: false }),
      run({ verdictKeys: [ASYM, SLOW] }),
    ];
    expect(historyFlags(pair, null, runs).flags.map((f) => `${f.kind} ${f.phase} ${f.runId}`)).toEqual([`iperf-asymmetry began ${runs[0]!.runId}`, `iperf-below-link-speed began ${runs[0]!.runId}`]);
  });

  test("retransmit verdicts and other pairs' keys are not flagged", () => {
    expect(historyFlags(pair, null, [run({ verdictKeys: ["iperf-retransmits:1-4"] })]).flags).toEqual([]);
  });

  test("a route change of either end is flagged once, whichever host was the client", () => {
    const runs = [
      run(),
      run({ swapped: true }), // same routes, seen from the other side
      run({ serverRoute: LAB.h4.replace("\n    cache ", "\n    cache expires 588sec mtu 1400") }), // PMTU cache only
      run({ clientRoute: LAB.via }),
      run({ clientRoute: LAB.via, swapped: false }),
      run({ swapped: true, serverRoute: LAB.via }), // h1 is the server now, still via the gateway
      run({ clientRoute: null }), // no route captured: not a change
      run(),
    ];
    const { flags } = historyFlags(pair, null, runs);
    expect(flags.map((f) => [f.runId, f.hostId, f.label])).toEqual([
      [runs[3]!.runId, 1, "h1's route changed: via 10.221.1.254 dev eth0 (was dev eth0)"],
      [runs[7]!.runId, 1, "h1's route changed: dev eth0 (was via 10.221.1.254 dev eth0)"],
    ]);
    expect(flags.every((f) => f.kind === "route-change" && f.phase === null && f.severity === null && f.findingKey === null)).toBe(true);
  });

  test("a route whose gateway and device stay reads as the whole line", () => {
    const other = LAB.direct.replace("src 10.221.1.11", "src 10.221.1.111");
    const runs = [run(), run({ clientRoute: other })];
    expect(historyFlags(pair, null, runs).flags.map((f) => f.label)).toEqual(["h1's route changed: 10.221.1.14 dev eth0 src 10.221.1.111 (was 10.221.1.14 dev eth0 src 10.221.1.11)"]);
  });

  test("a route that moves to another next hop reads as the gateways and devices", () => {
    const ecmp = { a: { id: 1, name: "host1" }, b: { id: 2, name: "host2" } };
    const runs = [run({ clientHostId: 1, serverHostId: 2, clientRoute: PMTU, serverRoute: null }), run({ clientHostId: 1, serverHostId: 2, clientRoute: OTHER_HOP, serverRoute: null })];
    expect(historyFlags(ecmp, null, runs).flags.map((f) => f.label)).toEqual(["host1's route changed: via 10.179.2.140 dev ens17f0 (was via 10.179.2.12 dev ens17f1)"]);
  });

  test("the route before the range is the baseline", () => {
    expect(historyFlags(pair, run({ clientRoute: LAB.via }), [run()]).flags.map((f) => f.kind)).toEqual(["route-change"]);
    expect(historyFlags(pair, run(), [run()]).flags).toEqual([]);
  });

  test("a year of a flapping verdict keeps the newest flags and says how many were left out", () => {
    const runs = Array.from({ length: 24 * 365 }, (_, i) => run({ verdictKeys: i % 2 ? [ASYM] : [] }));
    const { flags, omitted } = historyFlags(pair, null, runs);
    expect(flags).toHaveLength(MAX_HISTORY_FLAGS);
    expect(omitted).toBe(24 * 365 - 1 - MAX_HISTORY_FLAGS);
    expect(flags.at(-1)?.runId).toBe(runs.at(-1)?.runId);
  });
});
