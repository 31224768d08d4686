import { describe, expect, test } from "vitest";
import { DEFAULT_THRESHOLDS, detectIperfVerdicts, type IperfVerdictInput, type VerdictFlow } from "./iperf-verdicts";

const G = 1e9;
const M = 1e6;
const flow = (bps: number, over: Partial<VerdictFlow> = {}): VerdictFlow => ({
  bitsPerSecond: bps,
  sentBitsPerSecond: bps,
  sentBytes: (bps / 8) * 10,
  retransmits: 0,
  cpuClientPercent: 20,
  cpuServerPercent: 30,
  ...over,
});
// The lab's h1 (client) and shaped h4 (server), routes as `ip route get` printed them there.
const base: IperfVerdictInput = {
  runId: 7,
  at: "2026-11-22T10:00:00.000Z",
  client: { id: 1, name: "h1", address: "10.219.1.11", route: "10.219.1.14 dev eth0 src 10.219.1.11 uid 0 \n    cache \n", interface: "eth0", linkMbps: 10000 },
  server: { id: 4, name: "h4", address: "10.219.1.14", route: "10.219.1.11 dev eth0 src 10.219.1.14 uid 0 \n    cache \n", interface: "eth0", linkMbps: 10000 },
  protocol: "tcp",
  parallel: 1,
  bitrateMbps: null,
  mssBytes: 1448,
  forward: flow(9.2 * G),
  reverse: flow(287 * M),
  thresholds: DEFAULT_THRESHOLDS,
};
const kinds = (i: IperfVerdictInput) => detectIperfVerdicts(i).map((f) => f.kind);

describe("iperf-asymmetry", () => {
  test("the shaped host: forward at line rate, reverse 287 Mbit/s -> flagged with both numbers and both routes", () => {
    const [f] = detectIperfVerdicts(base);
    expect(f).toMatchObject({ kind: "iperf-asymmetry", severity: "warning", key: "iperf-asymmetry:1-4", hostIds: [1, 4], subject: { type: "pair", id: "1-4", label: "h1 ↔ h4" } });
    expect(f?.title).toBe("h4 → h1 reaches only 287 Mbit/s, h1 → h4 9.2 Gbit/s");
    expect(f?.explanation).toContain("directly (no gateway in either route)");
    expect(f?.fix).toContain("tc qdisc show dev eth0");
    expect(f?.evidence.map((e) => e.source)).toEqual(["iperf3", "iperf3", "ip route get", "ip route get"]);
    expect(f?.evidence[0]?.fields).toMatchObject({ direction: "h1 → h4", receivedMbps: 9200 });
    expect(f?.evidence[1]?.fields).toMatchObject({ direction: "h4 → h1", receivedMbps: 287 });
    expect(f?.evidence[3]?.fields).toMatchObject({ route: "10.219.1.11 dev eth0 src 10.219.1.14", gateway: null, interface: "eth0" });
  });

  test("a return path through a gateway is named, and the fix is about routing", () => {
    const viaGw = { ...base, server: { ...base.server, route: "10.219.1.11 via 10.219.10.1 dev eth1 src 10.219.10.14 uid 0 \n    cache \n" } };
    const [f] = detectIperfVerdicts(viaGw);
    expect(f?.explanation).toContain("h4 sends to h1 through the gateway 10.219.10.1, while h1 reaches h4 directly");
    expect(f?.fix).toContain("via 10.219.10.1");
    expect(f?.evidence[3]?.fields).toMatchObject({ gateway: "10.219.10.1", interface: "eth1" });
  });

  test.each([
    ["a gigabit link with the usual wobble (941 vs 720 Mbit/s: 77%)", flow(941 * M), flow(720 * M)],
    ["a large ratio but a small gap (90 vs 50 Mbit/s: under 100 Mbit/s apart)", flow(90 * M), flow(50 * M)],
    ["equal", flow(9.4 * G), flow(9.4 * G)],
  ])("not flagged: %s", (_n, forward, reverse) => {
    expect(kinds({ ...base, forward, reverse, client: { ...base.client, linkMbps: null }, server: { ...base.server, linkMbps: null } })).toEqual([]);
  });

  test("one direction measured: nothing to compare", () => {
    expect(kinds({ ...base, reverse: null })).not.toContain("iperf-asymmetry");
    expect(kinds({ ...base, forward: null })).not.toContain("iperf-asymmetry");
  });

  test("the thresholds are configurable", () => {
    const t = { ...DEFAULT_THRESHOLDS, asymmetryRatio: 0.5 };
    expect(kinds({ ...base, forward: flow(1 * G), reverse: flow(600 * M), thresholds: t })).not.toContain("iperf-asymmetry");
    expect(kinds({ ...base, forward: flow(1 * G), reverse: flow(400 * M), thresholds: t })).toContain("iperf-asymmetry");
  });
});

describe("iperf-below-link-speed", () => {
  const links = (client: number | null, server: number | null) => ({ client: { ...base.client, linkMbps: client }, server: { ...base.server, linkMbps: server } });

  test("5 Gbit/s at best between two 10G NICs -> flagged against the slower NIC", () => {
    const [f] = detectIperfVerdicts({ ...base, ...links(10000, 10000), forward: flow(5 * G), reverse: flow(4.8 * G) });
    expect(f).toMatchObject({ kind: "iperf-below-link-speed", key: "iperf-below-link-speed:1-4" });
    expect(f?.explanation).toContain("under 70% of the 10 Gbit/s link speed");
    expect(f?.fix).toContain("4 parallel streams");
  });

  test("the slower NIC decides: 941 Mbit/s on a 10G/1G pair is fine", () => {
    expect(kinds({ ...base, ...links(10000, 1000), forward: flow(941 * M), reverse: flow(935 * M) })).toEqual([]);
  });

  test("a CPU-bound sender is called out", () => {
    const [f] = detectIperfVerdicts({ ...base, ...links(10000, 10000), forward: flow(3 * G, { cpuClientPercent: 99 }), reverse: flow(2.9 * G) });
    expect(f?.explanation).toContain("h1's iperf3 used 99% CPU");
    expect(f?.fix).toContain("CPU-bound");
  });

  test.each([
    ["speeds unknown", links(null, null), flow(100 * M)],
    ["speed -1/0 as some drivers report", links(0, null), flow(100 * M)],
    ["paced to 1000 Mbit/s on 10G and got it", { ...links(10000, 10000), bitrateMbps: 1000 }, flow(990 * M)],
    // veth/virtio report a nominal 10 Gbit/s; the lab's veth pairs move more than that.
    ["faster than the NICs' nominal speed (veth: 13.5 Gbit/s on \"10G\")", links(10000, 10000), flow(13.5 * G)],
  ])("not flagged: %s", (_n, over, f) => {
    expect(kinds({ ...base, ...over, forward: f, reverse: f })).toEqual([]);
  });

  test("one direction above the nominal link speed: the faster direction shows the path is not held back", () => {
    expect(kinds({ ...base, ...links(10000, 10000), forward: flow(13.5 * G), reverse: flow(6 * G) })).not.toContain("iperf-below-link-speed");
  });

  test("paced to 1000 Mbit/s but got 500: below the requested rate", () => {
    const [f] = detectIperfVerdicts({ ...base, ...links(10000, 10000), bitrateMbps: 1000, forward: flow(500 * M), reverse: flow(490 * M) });
    expect(f?.explanation).toContain("the 1 Gbit/s requested");
  });
});

describe("iperf-retransmits", () => {
  const noLinks = { client: { ...base.client, linkMbps: null }, server: { ...base.server, linkMbps: null } };

  test("1.4% of segments retransmitted -> flagged on that direction", () => {
    // 1 GB sent = ~690,600 segments of 1448 bytes; 10,000 retransmits = 1.45%.
    const bad = flow(900 * M, { sentBytes: 1e9, retransmits: 10_000 });
    const [f] = detectIperfVerdicts({ ...base, ...noLinks, forward: flow(900 * M, { sentBytes: 1e9, retransmits: 100 }), reverse: bad });
    expect(f).toMatchObject({ kind: "iperf-retransmits", key: "iperf-retransmits:1-4" });
    expect(f?.title).toBe("h4 → h1: 1.4% of TCP segments retransmitted");
    expect(f?.evidence.map((e) => e.fields.retransmitPercent)).toEqual([0.01, 1.45]);
  });

  test.each([
    ["a few retransmits in a fast run (0.01%)", "tcp" as const, flow(900 * M, { sentBytes: 1e9, retransmits: 100 })],
    ["not reported (macOS sender)", "tcp" as const, flow(900 * M, { sentBytes: 1e9, retransmits: null })],
    ["UDP has no retransmits", "udp" as const, flow(900 * M, { sentBytes: 1e9, retransmits: 50_000 })],
  ])("not flagged: %s", (_n, protocol, f) => {
    expect(kinds({ ...base, ...noLinks, protocol, forward: f, reverse: f })).toEqual([]);
  });
});
