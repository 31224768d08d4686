import { describe, expect, test } from "vitest";
import { detectMtuDfFailures, probesProvingMismatch, type DfProbeRecord } from "./mtu-df";

type End = { id: number; addr: string; mtu: number | null };
const h1: End = { id: 1, addr: "10.0.1.11", mtu: 1500 };
const h2: End = { id: 2, addr: "10.0.1.12", mtu: 1500 };
const h3: End = { id: 3, addr: "10.0.1.13", mtu: 9000 };
const h7: End = { id: 7, addr: "10.0.20.17", mtu: 9000 };
const h8: End = { id: 8, addr: "10.0.20.18", mtu: 9000 };

type Outcome = "pass" | "fail" | "toobig" | "error";

/** One probe from -> to; `size` "big" is sender MTU - 28, "below" is 1472 (jumbo) or 1372. */
function probe(from: End, to: End, size: "big" | "below", outcome: Outcome, at = "2026-11-22T10:00:00.000Z"): DfProbeRecord {
  const mtu = from.mtu ?? 1500;
  const payloadBytes = size === "big" ? mtu - 28 : mtu > 1500 ? 1472 : 1372;
  const ran = outcome !== "error";
  return {
    at,
    fromHostId: from.id,
    fromHostName: `h${from.id}`,
    toHostId: to.id,
    toHostName: `h${to.id}`,
    fromInterface: "eth0",
    fromAddress: from.addr,
    toAddress: to.addr,
    subnet: from.addr.startsWith("10.0.20.") ? "10.0.20.0/24" : "10.0.1.0/24",
    payloadBytes,
    expectedMtu: mtu,
    peerMtu: to.mtu,
    ok: outcome === "pass",
    tooBig: outcome === "toobig",
    transmitted: ran ? 3 : null,
    received: outcome === "pass" ? 3 : ran ? 0 : null,
    lossPercent: outcome === "pass" ? 0 : ran ? 100 : null,
    reportedMtu: outcome === "toobig" ? 1440 : null,
    rttAvgMs: outcome === "pass" ? 0.06 : null,
    error: ran ? null : "ndp7-h8:22 refused the connection: nothing is listening on port 22.",
    errorCode: ran ? null : "refused",
  };
}

/** Both directions, both sizes. */
const pair = (a: End, b: End, o: { abBig: Outcome; abBelow: Outcome; baBig: Outcome; baBelow: Outcome }) => [
  probe(a, b, "big", o.abBig),
  probe(a, b, "below", o.abBelow),
  probe(b, a, "big", o.baBig),
  probe(b, a, "below", o.baBelow),
];
const allPass = { abBig: "pass", abBelow: "pass", baBig: "pass", baBelow: "pass" } as const;

describe("detectMtuDfFailures", () => {
  test("both ends at 9000, 8972 fails both ways, 1472 passes: jumbo frames do not pass (critical)", () => {
    const findings = detectMtuDfFailures({ probes: pair(h7, h8, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" }) });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      kind: "mtu-df-failure",
      severity: "critical",
      key: "mtu-df-failure:10.0.20.0/24",
      hostIds: [7, 8],
      subject: { type: "pair", id: "7/10.0.20.17~8/10.0.20.18", label: "h7 (10.0.20.17) ↔ h8 (10.0.20.18)" },
      title: "Jumbo frames do not pass between h7 and h8 (a switch or bridge in between is at 1500)",
    });
    expect(f!.explanation).toContain("(and the other way)");
    expect(f!.fix).toContain("ping -M do -s 8972 10.0.20.18");
    expect(f!.evidence).toHaveLength(4);
    expect(f!.evidence[0]).toEqual({
      hostId: 7,
      hostName: "h7",
      at: "2026-11-22T10:00:00.000Z",
      source: "ping -M do",
      fields: expect.objectContaining({ direction: "h7 → h8", packetBytes: 9000, senderMtu: 9000, receiverMtu: 9000, result: "failed", lossPercent: 100 }),
      proves: true,
    });
    // The failed full-size probe and the smaller one that passed the same way prove it; the
    // other direction repeats them.
    expect(f!.evidence.map((r) => `${r.fields.direction} ${r.fields.packetBytes} ${r.proves ? "proof" : "context"}`)).toEqual([
      "h7 → h8 9000 proof",
      "h7 → h8 1500 proof",
      "h8 → h7 9000 context",
      "h8 → h7 1500 context",
    ]);
  });

  test("9000 sender toward a 1500 peer fails at 8972: no finding of its own (it is the passive mismatch's proof)", () => {
    const probes = pair(h3, h1, { abBig: "fail", abBelow: "pass", baBig: "pass", baBelow: "pass" });
    expect(detectMtuDfFailures({ probes })).toEqual([]);
    // ...and the probes that prove that mismatch are found for it while both MTUs are current
    const mtu = (id: number) => (id === 3 ? 9000 : 1500);
    expect(probesProvingMismatch(probes, "10.0.1.0/24", (id) => mtu(id)).map((p) => `${p.fromHostName}>${p.toHostName} ${p.payloadBytes}`)).toEqual([
      "h3>h1 8972",
      "h3>h1 1472",
      "h1>h3 1472",
      "h1>h3 1372",
    ]);
    // h3 back at 1500: those probes no longer prove anything
    expect(probesProvingMismatch(probes, "10.0.1.0/24", () => 1500)).toEqual([]);
  });

  test("the smaller probe failing too: the path is broken beyond MTU (critical, its own title)", () => {
    const findings = detectMtuDfFailures({ probes: pair(h7, h8, { abBig: "fail", abBelow: "fail", baBig: "fail", baBelow: "pass" }) });
    expect(findings.map((f) => [f.severity, f.title])).toEqual([
      ["critical", "Pings from h7 to h8 fail even at 1500 bytes: the path is broken beyond MTU"],
    ]);
  });

  test("both ends at 1500 and a router reports MTU 1440: full-size packets do not pass (critical)", () => {
    const probes = pair(h1, h2, { abBig: "toobig", abBelow: "pass", baBig: "pass", baBelow: "pass" });
    expect(detectMtuDfFailures({ probes }).map((f) => [f.severity, f.title])).toEqual([
      ["critical", "Full 1500-byte packets do not pass between h1 and h2 (something in between is at 1440)"],
    ]);
  });

  describe("benign look-alikes: nothing", () => {
    test("both at 1500, every probe passes", () => {
      expect(detectMtuDfFailures({ probes: pair(h1, h2, allPass) })).toEqual([]);
    });
    test("both at 9000, every probe passes (jumbo frames configured end to end)", () => {
      expect(detectMtuDfFailures({ probes: pair(h7, h8, allPass) })).toEqual([]);
    });
    test("an old failure superseded by a newer pass of the same probe", () => {
      const old = pair(h7, h8, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" });
      const fixed = pair(h7, h8, allPass).map((p) => ({ ...p, at: "2026-11-22T11:00:00.000Z" }));
      expect(detectMtuDfFailures({ probes: [...fixed, ...old] })).toEqual([]);
    });
  });

  test("edge: probes that could not run (host down) are no evidence either way", () => {
    const probes = pair(h7, h8, { abBig: "error", abBelow: "error", baBig: "error", baBelow: "error" });
    expect(detectMtuDfFailures({ probes })).toEqual([]);
    // ...and the direction that did run still counts
    const half = pair(h7, h8, { abBig: "fail", abBelow: "pass", baBig: "error", baBelow: "error" });
    expect(detectMtuDfFailures({ probes: half }).map((f) => f.severity)).toEqual(["critical"]);
  });

  test("one finding per root cause: jumbo pairs failing on one segment are one finding, a common host is named", () => {
    const h9: End = { id: 9, addr: "10.0.20.19", mtu: 9000 };
    const probes = [
      ...pair(h3, h1, { abBig: "fail", abBelow: "pass", baBig: "pass", baBelow: "pass" }),
      ...pair(h3, h2, { abBig: "fail", abBelow: "pass", baBig: "pass", baBelow: "pass" }),
      ...pair(h1, h2, allPass),
      ...pair(h7, h8, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" }),
      ...pair(h7, h9, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" }),
      ...pair(h8, h9, allPass),
    ];
    const findings = detectMtuDfFailures({ probes });
    expect(findings.map((f) => [f.key, f.severity, f.hostIds])).toEqual([["mtu-df-failure:10.0.20.0/24", "critical", [7, 8, 9]]]);
    expect(findings[0]!.title).toBe("Jumbo frames do not reach h7 from 2 hosts on 10.0.20.0/24 (its switch or bridge port is smaller)");
    expect(findings[0]!.subject).toEqual({ type: "subnet", id: "10.0.20.0/24", label: "subnet 10.0.20.0/24" });
    expect(findings[0]!.evidence).toHaveLength(8);
    // One failed probe per pair, and once the smaller probe that passed
    expect(findings[0]!.evidence.filter((r) => r.proves).map((r) => `${r.fields.direction} ${r.fields.packetBytes} ${r.fields.result}`)).toEqual([
      "h7 → h8 9000 failed",
      "h7 → h8 1500 passed",
      "h7 → h9 9000 failed",
    ]);
    // Three pairs failing with no host in common: the segment is the common element
    const all = [...pair(h7, h8, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" }), ...pair(h7, h9, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" }), ...pair(h8, h9, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" })];
    expect(detectMtuDfFailures({ probes: all }).map((f) => f.title)).toEqual([
      "Jumbo frames do not pass on 10.0.20.0/24: 3 pairs of hosts with MTU 9000 fail (a switch or bridge on that segment is smaller)",
    ]);
  });

  test("IPv6 too: the same pair failing over IPv4 and IPv6 is one finding, sized with the IPv6 headers", () => {
    const v6 = (e: End, addr: string): End => ({ ...e, addr });
    const six = pair(v6(h7, "fd00:0:20::17"), v6(h8, "fd00:0:20::18"), { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" }).map((p) => ({
      ...p,
      subnet: "fd00:0:20::/64",
      payloadBytes: p.payloadBytes === 8972 ? 8952 : 1452,
    }));
    const four = pair(h7, h8, { abBig: "fail", abBelow: "pass", baBig: "fail", baBelow: "pass" });
    const findings = detectMtuDfFailures({ probes: [...six, ...four] });
    expect(findings.map((f) => [f.key, f.title])).toEqual([
      ["mtu-df-failure:10.0.20.0/24", "Jumbo frames do not pass between h7 and h8 (a switch or bridge in between is at 1500)"],
    ]);
    expect(findings[0]!.explanation).toContain("IPv6 between them fails the same way.");
    // The IPv6 twin repeats the IPv4 proof: context only
    expect(findings[0]!.evidence.filter((r) => r.proves).map((r) => r.fields.to)).toEqual(["10.0.20.18", "10.0.20.18"]);
    expect(findings[0]!.evidence.filter((r) => String(r.fields.to).includes(":")).map((r) => `${r.fields.packetBytes} ${r.fields.result}`)).toEqual([
      "9000 failed",
      "1500 passed",
      "9000 failed",
      "1500 passed",
    ]);
    // IPv6 alone: its own finding, its own check command
    const [alone] = detectMtuDfFailures({ probes: six });
    expect(alone!.key).toBe("mtu-df-failure:fd00:0:20::/64");
    expect(alone!.fix).toContain("ping -6 -M do -s 8952 fd00:0:20::18");
  });
});
