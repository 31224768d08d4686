// Display helpers for iperf runs (pure; server and client components share them).
import { formatMbitPerSecond } from "@/components/format";
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

/** Share of the slower NIC's link speed a result reached, and its colour band (MaDDash-style). */
export function linkShare(bitsPerSecond: number, linkMbps: number | null): { share: number | null; tone: "good" | "fair" | "poor" | "unknown" } {
  if (linkMbps === null || linkMbps <= 0) return { share: null, tone: "unknown" };
  const share = bitsPerSecond / (linkMbps * 1e6);
  return { share, tone: share >= 0.7 ? "good" : share >= 0.4 ? "fair" : "poor" };
}
