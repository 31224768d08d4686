// Shapes shared by lib/iperf, the API and the pages. Plain data (numbers, ISO strings).
import type { DetectedFinding } from "@/lib/domain/finding";

export const IPERF_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type IperfStatus = (typeof IPERF_STATUSES)[number];
export type IperfProtocol = "tcp" | "udp";
export type IperfDirectionChoice = "both" | "forward" | "reverse";
/** forward: data from the client to the server; reverse: from the server to the client (-R). */
export type Flow = "forward" | "reverse";

/** One flow's result as iperf3 reported it. bitsPerSecond is the receiver's figure. */
export type FlowSummary = {
  bitsPerSecond: number | null;
  sentBitsPerSecond: number | null;
  /** Bytes the receiver got. */
  bytes: number | null;
  sentBytes: number | null;
  seconds: number | null;
  /** TCP, reported by the sender. */
  retransmits: number | null;
  /** UDP, reported by the receiver. */
  jitterMs: number | null;
  lostPercent: number | null;
  lostPackets: number | null;
  packets: number | null;
};

/** One interval of one flow (all streams summed), seconds from the test start. */
export type IntervalPoint = {
  start: number;
  end: number;
  bitsPerSecond: number;
  retransmits: number | null;
  jitterMs: number | null;
  lostPercent: number | null;
  omitted: boolean;
};

/** A measured flow as the API shows it (summary columns of the run). */
export type FlowResult = {
  bitsPerSecond: number | null;
  sentBitsPerSecond: number | null;
  retransmits: number | null;
  jitterMs: number | null;
  lostPercent: number | null;
  bytes: number | null;
  sentBytes: number | null;
  cpuClientPercent: number | null;
  cpuServerPercent: number | null;
};

export type IperfParams = {
  clientHostId: number;
  serverHostId: number;
  /** Validated IP literal typed by the user; otherwise chosen from the hosts' subnets. */
  serverAddress?: string;
  durationSec: number;
  parallel: number;
  protocol: IperfProtocol;
  bitrateMbps?: number;
  direction: IperfDirectionChoice;
  omitSec: number;
  simultaneous: boolean;
};

export type IperfRunView = {
  id: number;
  status: IperfStatus;
  /** 1 = next in line; only while queued. */
  position: number | null;
  errorCode: string | null;
  error: string | null;
  clientHostId: number;
  clientHostName: string;
  serverHostId: number;
  serverHostName: string;
  serverAddress: string | null;
  serverAddressManual: boolean;
  clientAddress: string | null;
  port: number | null;
  durationSec: number;
  parallel: number;
  protocol: IperfProtocol;
  bitrateMbps: number | null;
  direction: IperfDirectionChoice;
  omitSec: number;
  simultaneous: boolean;
  scheduleId: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  forward: FlowResult | null;
  reverse: FlowResult | null;
  clientVersion: string | null;
  serverVersion: string | null;
  routes: { client: string | null; server: string | null };
  interfaces: { client: string | null; server: string | null; clientLinkMbps: number | null; serverLinkMbps: number | null };
  notes: string | null;
  findings: DetectedFinding[];
};

export type IperfRunDetail = IperfRunView & {
  intervals: { forward: IntervalPoint[]; reverse: IntervalPoint[] };
};

/** What the live stream (SSE) sends. */
export type LiveEvent =
  | { type: "state"; run: IperfRunView }
  | { type: "progress"; flow: Flow | "both"; elapsedSec: number; totalSec: number; phaseIndex: number; phaseCount: number }
  | { type: "interval"; flow: Flow; point: IntervalPoint }
  | { type: "done"; run: IperfRunDetail };

/** One bucket of a history series: runs in [t, t + bucketMs) aggregated. */
export type HistoryPoint = { t: number; avg: number; min: number; max: number; n: number };

export type IperfHistory = {
  clientHostId: number;
  serverHostId: number;
  from: string;
  to: string;
  bucketMs: number;
  runs: number;
  /** forward = client transmits (TX), reverse = client receives (RX). */
  forward: HistoryPoint[];
  reverse: HistoryPoint[];
};

export type IperfScheduleView = {
  id: number;
  clientHostId: number;
  clientHostName: string;
  serverHostId: number;
  serverHostName: string;
  intervalMinutes: number;
  durationSec: number;
  parallel: number;
  protocol: IperfProtocol;
  bitrateMbps: number | null;
  direction: IperfDirectionChoice;
  omitSec: number;
  simultaneous: boolean;
  serverAddress: string | null;
  enabled: boolean;
  nextDueAt: string;
  lastRunAt: string | null;
};
