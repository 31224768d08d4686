import type { DetectedFinding, EvidenceRow } from "@/lib/domain/finding";
import { parseRoute, routeLine } from "@/lib/iperf/route-get";
import type { Flow, IperfProtocol } from "@/lib/domain/iperf";
import { formatBitsPerSecond, formatLinkSpeed, formatMbitPerSecond } from "@/lib/domain/units";
import { cmd, fix, raw } from "./fix-text";

// Verdicts on one iperf3 run (pure; thresholds passed in, from lib/env):
//   iperf-asymmetry         both directions measured, the slower below `asymmetryRatio` of the
//                           faster and at least `asymmetryMinGapMbps` apart. The evidence carries
//                           each end's `ip route get <peer>`: a return path through a gateway
//                           (the classic homelab cause) is visible there.
//   iperf-below-link-speed  the faster direction under `linkSpeedRatio` of the slower NIC's
//                           speed (of those known), or of the requested bitrate when lower.
//   iperf-retransmits       TCP retransmits above `retransmitPercent` of the segments sent
//                           (bytes sent / MSS), when the sender reports them.
// At most one finding per kind and host pair; the key is stable so a later run of the same
// pair updates (or resolves) it.

export type IperfThresholds = {
  asymmetryRatio: number;
  asymmetryMinGapMbps: number;
  linkSpeedRatio: number;
  retransmitPercent: number;
};

export const DEFAULT_THRESHOLDS: IperfThresholds = { asymmetryRatio: 0.75, asymmetryMinGapMbps: 100, linkSpeedRatio: 0.7, retransmitPercent: 1 };

export type VerdictEnd = {
  id: number;
  name: string;
  address: string | null;
  /** `ip route get <peer>` output captured during the run. */
  route: string | null;
  interface: string | null;
  linkMbps: number | null;
};

export type VerdictFlow = {
  bitsPerSecond: number | null;
  sentBitsPerSecond: number | null;
  sentBytes: number | null;
  retransmits: number | null;
  cpuClientPercent: number | null;
  cpuServerPercent: number | null;
};

export type IperfVerdictInput = {
  runId: number;
  /** ISO time of the run's end. */
  at: string;
  client: VerdictEnd;
  server: VerdictEnd;
  protocol: IperfProtocol;
  parallel: number;
  bitrateMbps: number | null;
  /** TCP maximum segment size iperf3 reported (1448 on a 1500-byte Ethernet path). */
  mssBytes: number | null;
  forward: VerdictFlow | null;
  reverse: VerdictFlow | null;
  thresholds: IperfThresholds;
};

const mbit = (bps: number) => bps / 1e6;
const pct = (x: number) => `${Number((x * 100).toFixed(x < 0.1 ? 1 : 0))}%`;

type Ctx = IperfVerdictInput & { pairId: string; pairLabel: string };

const flowName = (c: Ctx, f: Flow) => (f === "forward" ? `${c.client.name} → ${c.server.name}` : `${c.server.name} → ${c.client.name}`);
const sender = (c: Ctx, f: Flow) => (f === "forward" ? c.client : c.server);
const receiver = (c: Ctx, f: Flow) => (f === "forward" ? c.server : c.client);

function flowEvidence(c: Ctx, f: Flow, v: VerdictFlow): EvidenceRow {
  return {
    hostId: sender(c, f).id,
    hostName: sender(c, f).name,
    at: c.at,
    source: "iperf3",
    fields: {
      run: c.runId,
      direction: flowName(c, f),
      receivedMbps: v.bitsPerSecond === null ? null : Math.round(mbit(v.bitsPerSecond)),
      sentMbps: v.sentBitsPerSecond === null ? null : Math.round(mbit(v.sentBitsPerSecond)),
      retransmits: v.retransmits,
      protocol: c.protocol,
      streams: c.parallel,
      cpuSenderPercent: roundOrNull(f === "forward" ? v.cpuClientPercent : v.cpuServerPercent),
      cpuReceiverPercent: roundOrNull(f === "forward" ? v.cpuServerPercent : v.cpuClientPercent),
    },
  };
}

const roundOrNull = (v: number | null) => (v === null ? null : Math.round(v));

function routeEvidence(c: Ctx, end: VerdictEnd, peer: VerdictEnd): EvidenceRow {
  const r = parseRoute(end.route);
  return {
    hostId: end.id,
    hostName: end.name,
    at: c.at,
    source: "ip route get",
    fields: { to: `${peer.name} (${peer.address ?? "?"})`, route: routeLine(end.route), gateway: r.via, interface: r.dev ?? end.interface },
  };
}

function asymmetry(c: Ctx): DetectedFinding[] {
  const f = c.forward?.bitsPerSecond;
  const r = c.reverse?.bitsPerSecond;
  if (f == null || r == null || !c.forward || !c.reverse) return [];
  const [fast, slow]: [Flow, Flow] = f >= r ? ["forward", "reverse"] : ["reverse", "forward"];
  const fastBps = Math.max(f, r);
  const slowBps = Math.min(f, r);
  if (fastBps <= 0) return [];
  const ratio = slowBps / fastBps;
  if (ratio >= c.thresholds.asymmetryRatio || mbit(fastBps - slowBps) < c.thresholds.asymmetryMinGapMbps) return [];

  const slowFrom = sender(c, slow);
  const slowTo = receiver(c, slow);
  const slowRoute = parseRoute(slowFrom.route);
  const fastRoute = parseRoute(sender(c, fast).route);
  const gatewayNote = slowRoute.via
    ? ` ${slowFrom.name} sends to ${slowTo.name} through the gateway ${slowRoute.via}${fastRoute.via ? "" : `, while ${sender(c, fast).name} reaches ${slowFrom.name} directly`}: the return path goes through a router, which is the usual cause.`
    : fastRoute.via
      ? ` ${sender(c, fast).name} reaches ${slowFrom.name} through the gateway ${fastRoute.via} while the return path is direct: the two directions take different paths.`
      : " Both ends reach each other directly (no gateway in either route), so look at the link and the hosts rather than the routing.";
  const dev = slowRoute.dev ?? slowFrom.interface ?? raw("<nic>");
  return [
    {
      kind: "iperf-asymmetry",
      severity: "warning",
      key: `iperf-asymmetry:${c.pairId}`,
      hostIds: [c.client.id, c.server.id],
      subject: { type: "pair", id: c.pairId, label: c.pairLabel },
      title: `${flowName(c, slow)} reaches only ${formatBitsPerSecond(slowBps)}, ${flowName(c, fast)} ${formatBitsPerSecond(fastBps)}`,
      explanation:
        `Measured one after the other in the same run, the two directions differ: ${flowName(c, fast)} ${formatBitsPerSecond(fastBps)}, ` +
        `${flowName(c, slow)} ${formatBitsPerSecond(slowBps)} (${pct(ratio)} of it). Whatever ${slowTo.name} downloads from ${slowFrom.name} ` +
        `(backups, media, VM images) is held to the slower figure, and a test in one direction only would never show it.` +
        gatewayNote,
      fix: slowRoute.via
        ? fix`Make ${slowFrom.name} reach ${slowTo.name} directly: give it an address (or the right netmask) on ${slowTo.name}'s subnet, ` +
          fix`or fix the route that sends this traffic via ${slowRoute.via} (${cmd`ip route get ${slowTo.address ?? raw("<peer>")}`} on ${slowFrom.name} ` +
          `should show no "via"). Asymmetric routing through a firewall also breaks its connection tracking.`
        : fix`On ${slowFrom.name}, check for a shaper or policer on the sending side (${cmd`tc qdisc show dev ${dev}`}), the negotiated speed ` +
          fix`and duplex on both ends (${cmd`ethtool ${dev}`}; a half-duplex or 100 Mbit/s end caps one direction), and the switch port ` +
          `counters for errors in one direction (a bad cable pair). Wi-Fi, DSL and cable links are asymmetric by design.`,
      evidence: [
        flowEvidence(c, "forward", c.forward),
        flowEvidence(c, "reverse", c.reverse),
        routeEvidence(c, c.client, c.server),
        routeEvidence(c, c.server, c.client),
      ],
    },
  ];
}

function belowLinkSpeed(c: Ctx): DetectedFinding[] {
  const flows = (["forward", "reverse"] as const).filter((f) => c[f]?.bitsPerSecond != null);
  if (flows.length === 0) return [];
  const best = flows.reduce((a, b) => ((c[b]?.bitsPerSecond ?? 0) > (c[a]?.bitsPerSecond ?? 0) ? b : a));
  const bps = c[best]?.bitsPerSecond ?? 0;
  const speeds = [c.client, c.server].filter((e) => e.linkMbps !== null && e.linkMbps > 0);
  if (speeds.length === 0) return [];
  const slowest = speeds.reduce((a, b) => ((b.linkMbps ?? 0) < (a.linkMbps ?? 0) ? b : a));
  const linkMbps = slowest.linkMbps ?? 0;
  const expectedMbps = c.bitrateMbps !== null && c.bitrateMbps < linkMbps ? c.bitrateMbps : linkMbps;
  const capped = expectedMbps !== linkMbps;
  const ratio = mbit(bps) / expectedMbps;
  if (ratio >= c.thresholds.linkSpeedRatio) return [];
  const v = c[best];
  if (!v) return [];
  const snd = sender(c, best);
  const cpuSender = best === "forward" ? v.cpuClientPercent : v.cpuServerPercent;
  const cpuBound = cpuSender !== null && cpuSender >= 80;
  const against = capped ? `the ${formatMbitPerSecond(expectedMbps)} requested` : `the ${formatLinkSpeed(linkMbps)} link speed of ${slowest.name}'s ${slowest.interface ?? "NIC"}`;
  return [
    {
      kind: "iperf-below-link-speed",
      severity: "warning",
      key: `iperf-below-link-speed:${c.pairId}`,
      hostIds: [c.client.id, c.server.id],
      subject: { type: "pair", id: c.pairId, label: c.pairLabel },
      title: `${c.pairLabel}: at best ${formatBitsPerSecond(bps)}, ${pct(ratio)} of ${capped ? "the requested rate" : "the link speed"}`,
      explanation:
        `The faster direction (${flowName(c, best)}) reached ${formatBitsPerSecond(bps)}, under ${pct(c.thresholds.linkSpeedRatio)} of ${against}. ` +
        `Both NICs report a faster link than the path delivers, so something between or on the hosts holds it back.` +
        (cpuBound ? ` ${snd.name}'s iperf3 used ${Math.round(cpuSender as number)}% CPU: the sender itself is the limit.` : ""),
      fix:
        (cpuBound
          ? fix`The sender is CPU-bound: try more streams (parallel ${Math.min(16, c.parallel * 4)}) to spread the load, and check that NIC offloads are on (${cmd`ethtool -k ${snd.interface ?? raw("<nic>")}`}). `
          : c.parallel === 1
            ? `Run again with 4 parallel streams: if that fills the link, one TCP stream is window- or latency-limited, not the network. `
            : "") +
        `Check every hop's negotiated speed, not only the hosts' NICs: a switch port, uplink or bridge member at a lower speed (\`ethtool <port>\`, the switch's port status), ` +
        `and a virtual NIC model (e1000 instead of virtio/vmxnet3) cap the path below what the NICs report.`,
      evidence: [
        flowEvidence(c, best, v),
        ...[c.client, c.server].map((e) => ({
          hostId: e.id,
          hostName: e.name,
          at: c.at,
          source: "interface",
          fields: { interface: e.interface, linkMbps: e.linkMbps },
        })),
      ],
    },
  ];
}

function retransmits(c: Ctx): DetectedFinding[] {
  if (c.protocol !== "tcp") return [];
  const mss = c.mssBytes ?? 1448;
  const rows = (["forward", "reverse"] as const).flatMap((f) => {
    const v = c[f];
    if (!v || v.retransmits === null || v.sentBytes === null || v.sentBytes <= 0) return [];
    const segments = v.sentBytes / mss;
    return [{ f, v, share: v.retransmits / segments, segments }];
  });
  const bad = rows.filter((r) => r.share * 100 > c.thresholds.retransmitPercent).sort((a, b) => b.share - a.share);
  const worst = bad[0];
  if (!worst) return [];
  const snd = sender(c, worst.f);
  const dev = parseRoute(snd.route).dev ?? snd.interface ?? raw("<nic>");
  return [
    {
      kind: "iperf-retransmits",
      severity: "warning",
      key: `iperf-retransmits:${c.pairId}`,
      hostIds: [c.client.id, c.server.id],
      subject: { type: "pair", id: c.pairId, label: c.pairLabel },
      title: `${flowName(c, worst.f)}: ${pct(worst.share)} of TCP segments retransmitted`,
      explanation:
        `${snd.name} retransmitted ${worst.v.retransmits} of about ${Math.round(worst.segments)} segments (${pct(worst.share)}; ` +
        `above ${c.thresholds.retransmitPercent}%) while sending to ${receiver(c, worst.f).name}. Lost segments make TCP back off, so ` +
        `throughput and latency suffer well before the link is full.` +
        (bad.length > 1 ? " The other direction is above the threshold too." : ""),
      fix:
        fix`Look for where packets are dropped: interface errors and drops on both ends (${cmd`ip -s link show ${dev}`}), the switch port ` +
        `counters (CRC errors point at a cable or transceiver), a duplex mismatch, a full queue at a shaper or a slower hop ` +
        fix`(${cmd`tc -s qdisc show dev ${dev}`}), and Wi-Fi interference.`,
      evidence: rows.map((r) => ({ ...flowEvidence(c, r.f, r.v), fields: { ...flowEvidence(c, r.f, r.v).fields, retransmitPercent: Number((r.share * 100).toFixed(2)) } })),
    },
  ];
}

export function detectIperfVerdicts(input: IperfVerdictInput): DetectedFinding[] {
  const c: Ctx = { ...input, pairId: iperfPairId(input.client.id, input.server.id), pairLabel: `${input.client.name} ↔ ${input.server.name}` };
  return [...asymmetry(c), ...belowLinkSpeed(c), ...retransmits(c)];
}

/**
 * One id per pair of hosts whichever was the client: the same asymmetry measured as h1 -> h4
 * and as h4 -> h1 is one fault, so one finding.
 */
export function iperfPairId(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
