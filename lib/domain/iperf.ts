// Shapes shared by lib/iperf, the API and the pages. Plain data (numbers, ISO strings).
import { z } from "zod";
import type { FindingView } from "@/lib/domain/views";
import type { Platform } from "@/lib/domain/platform";
import type { Severity } from "@/lib/domain/finding";

export const IPERF_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type IperfStatus = (typeof IPERF_STATUSES)[number];
export const IPERF_PROTOCOLS = ["tcp", "udp"] as const;
export type IperfProtocol = (typeof IPERF_PROTOCOLS)[number];
export const IPERF_DIRECTIONS = ["both", "forward", "reverse"] as const;
export type IperfDirectionChoice = (typeof IPERF_DIRECTIONS)[number];
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
export const intervalPointSchema = z.object({
  start: z.number(),
  end: z.number(),
  bitsPerSecond: z.number(),
  retransmits: z.number().nullable(),
  jitterMs: z.number().nullable(),
  lostPercent: z.number().nullable(),
  omitted: z.boolean(),
});
export type IntervalPoint = z.infer<typeof intervalPointSchema>;

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

/** How a test runs, as a run or a schedule stores it (IperfParams is the request form). */
export type IperfTestSettings = {
  durationSec: number;
  parallel: number;
  protocol: IperfProtocol;
  bitrateMbps: number | null;
  direction: IperfDirectionChoice;
  omitSec: number;
  simultaneous: boolean;
};

export type IperfRunView = IperfTestSettings & {
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
  /** The findings this run raised, as stored (status, mute) in the Finding table. */
  findings: FindingView[];
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
  /** Events on the chart, oldest first: where a verdict began or ended, where a route changed. */
  flags: IperfHistoryFlag[];
  /** Older flags left out to keep the answer small (MAX_HISTORY_FLAGS, the newest kept). */
  flagsOmitted: number;
};

/**
 * One event of a pair's history, at the start of the run that showed it. `iperf-asymmetry` and
 * `iperf-below-link-speed` flag the first run with the verdict ("began") and the first run
 * without it again ("ended"); `route-change` a run where one end's `ip route get` to the other
 * differs from the pair's previous run. `findingId` is the pair's finding for the verdict.
 */
export type IperfHistoryFlag = {
  t: number;
  kind: "iperf-asymmetry" | "iperf-below-link-speed" | "route-change";
  phase: "began" | "ended" | null;
  label: string;
  severity: Severity | null;
  runId: number;
  findingId: number | null;
  /** The host whose route changed (route-change only). */
  hostId: number | null;
};

export type IperfScheduleView = IperfTestSettings & {
  id: number;
  clientHostId: number;
  clientHostName: string;
  serverHostId: number;
  serverHostName: string;
  intervalMinutes: number;
  serverAddress: string | null;
  enabled: boolean;
  nextDueAt: string;
  lastRunAt: string | null;
};

// What the job layer hands the query layer when a run ends (lib/jobs/iperf -> lib/queries/iperf-runs).
export type FlowStore = {
  bitsPerSecond: number | null;
  sentBitsPerSecond: number | null;
  bytes: number | null;
  sentBytes: number | null;
  retransmits: number | null;
  jitterMs: number | null;
  lostPercent: number | null;
  cpuClientPercent: number | null;
  cpuServerPercent: number | null;
};

export type IperfOutcome = {
  status: "done" | "failed" | "cancelled";
  finishedAt: Date;
  errorCode?: string | null;
  error?: string | null;
  serverAddress?: string | null;
  clientAddress?: string | null;
  port?: number | null;
  clientVersion?: string | null;
  serverVersion?: string | null;
  clientRoute?: string | null;
  serverRoute?: string | null;
  clientInterface?: string | null;
  serverInterface?: string | null;
  clientLinkMbps?: number | null;
  serverLinkMbps?: number | null;
  notes?: string | null;
  forward?: FlowStore | null;
  reverse?: FlowStore | null;
  /** Keys of the findings this run raised (stored in the Finding table). */
  verdictKeys?: string[];
  outputs?: { direction: Flow | "bidir"; intervals: Partial<Record<Flow, IntervalPoint[]>>; clientRaw: string | null; serverRaw: string | null }[];
};

/** One end of a test: the host with the NICs of its latest snapshot. */
export type PairEnd = {
  id: number;
  name: string;
  address: string;
  platform: Platform | null;
  nics: { name: string; addresses: string[]; speedMbps: number | null }[];
};

// Read models of the host page and the matrix.
export type PeerRunPoint = { runId: number; t: number; sendBps: number | null; receiveBps: number | null };
export type PeerSummary = {
  peerId: number;
  peerName: string;
  /** The latest finished run of this pair (either side as client). */
  latest: { runId: number; at: string; sendBps: number | null; receiveBps: number | null; findings: FindingView[] };
  /** Oldest first, at most `perPeer`. Seen from the host: send = it transmits. */
  points: PeerRunPoint[];
  /** When the pair was last tested the way round where this host is the client. */
  asClient: boolean;
};

export type MatrixHost = { id: number; name: string };
export type MatrixCell = {
  fromId: number;
  toId: number;
  bitsPerSecond: number;
  /** Speed of the slower NIC of the two, when known. */
  linkMbps: number | null;
  runId: number;
  at: string;
};

export type ScheduleInput = Omit<IperfParams, "serverAddress"> & { serverAddress?: string; intervalMinutes: number; enabled: boolean };
