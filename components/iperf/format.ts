// Display helpers for iperf runs (pure; server and client components share them).
import { formatLinkSpeed, formatMbitPerSecond } from "@/components/format";
import type { Tone } from "@/components/ui/badge";
import type { Flow, IperfRunView, IperfStatus } from "@/lib/domain/iperf";

export const STATUS_TONE: Record<IperfStatus, Tone> = { queued: "neutral", running: "info", done: "ok", failed: "bad", cancelled: "warn" };

export const FLOWS: Flow[] = ["forward", "reverse"];

type Names = Pick<IperfRunView, "clientHostName" | "serverHostName">;

/** "h1 → h4": who sends to whom in that direction. */
export function flowName(run: Names, flow: Flow): string {
  return flow === "forward" ? `${run.clientHostName} → ${run.serverHostName}` : `${run.serverHostName} → ${run.clientHostName}`;
}

export function flowRole(flow: Flow): string {
  // iperf3's own words (-R, --bidir) mean nothing to someone who never ran it: say who sends.
  return flow === "forward" ? "forward: the client sends (TX)" : "reverse: the server sends back (RX)";
}

export function measuredFlows(run: Pick<IperfRunView, "direction">): Flow[] {
  return run.direction === "both" ? FLOWS : [run.direction];
}

export function describeParams(run: Pick<IperfRunView, "protocol" | "durationSec" | "parallel" | "direction" | "omitSec" | "bitrateMbps" | "simultaneous">): string {
  const parts = [
    run.protocol.toUpperCase(),
    `${run.durationSec} s`,
    `${run.parallel} stream${run.parallel === 1 ? "" : "s"}`,
    run.direction === "both" ? (run.simultaneous ? "both directions at once" : "both directions") : `${run.direction} only`,
  ];
  if (run.bitrateMbps !== null) parts.push(`target ${formatMbitPerSecond(run.bitrateMbps)}`);
  if (run.omitSec > 0) parts.push(`first ${run.omitSec} s omitted`);
  return parts.join(" · ");
}

export const secondsAxis = (s: number) => `${Number(s.toFixed(0))} s`;

export type LinkShare =
  | { kind: "unknown" }
  /** Faster than the NIC says it can go: the reported speed is nominal, not the path's limit. */
  | { kind: "above"; linkMbps: number }
  | { kind: "share"; share: number; tone: "good" | "fair" | "poor" };

/**
 * Share of the slower NIC's link speed a result reached, with its colour band (MaDDash-style).
 * TCP goodput on a real NIC stays below its line rate (about 94% after headers), so a result
 * above it means the speed is nominal: veth, virtio and vmxnet3 report a fixed 10 Gbit/s (or
 * none) whatever the host can move. A percentage of that would be a made-up number.
 */
export function linkShare(bitsPerSecond: number, linkMbps: number | null): LinkShare {
  if (linkMbps === null || linkMbps <= 0) return { kind: "unknown" };
  const share = bitsPerSecond / (linkMbps * 1e6);
  if (share > 1) return { kind: "above", linkMbps };
  return { kind: "share", share, tone: share >= 0.7 ? "good" : share >= 0.4 ? "fair" : "poor" };
}

/** The short line under a rate, and the longer why for its tooltip. */
export function describeLinkShare(s: LinkShare): { label: string; explanation: string } {
  switch (s.kind) {
    case "unknown":
      return { label: "link speed unknown", explanation: "Neither NIC reported a link speed, so there is nothing to compare with." };
    case "above":
      return {
        label: `above reported link (${formatLinkSpeed(s.linkMbps)})`,
        explanation:
          `Faster than the ${formatLinkSpeed(s.linkMbps)} the NIC reports, so that speed is not the real limit: ` +
          "virtual NICs (veth, virtio, vmxnet3) report a nominal speed. No percentage is shown.",
      };
    case "share":
      // Rounding 99.6% up still never prints more than 100.
      return { label: `${Math.round(s.share * 100)}% of link`, explanation: "Share of the slower NIC's reported link speed." };
  }
}
