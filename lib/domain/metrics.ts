import type { Severity } from "@/lib/domain/finding";
import type { LinkState } from "@/lib/domain/rows";
import type { InterfaceView } from "@/lib/domain/views";

// What GET /metrics shows, as plain data: lib/queries/metrics.ts reads it, lib/metrics/render.ts
// turns it into the Prometheus text format. Times are epoch milliseconds.

export type MetricsCollectionStatus = "ok" | "partial" | "failed";

export type MetricsHost = {
  name: string;
  /** The newest finished collection, whatever its outcome; null before the first one ends. */
  lastRun: { status: MetricsCollectionStatus; durationMs: number | null; finishedAt: number } | null;
  /** When the newest successful (ok or partial) collection started: how old the data is. */
  lastSuccessAt: number | null;
};

/** The cumulative counters of an interface, as the host page reads them. */
export type MetricsInterfaceCounters = Pick<InterfaceView, "rxBytes" | "txBytes" | "rxPackets" | "txPackets" | "rxErrors" | "txErrors" | "rxDropped" | "txDropped">;

/** One NIC of a host's newest snapshot, with the counters its newest collection read. */
export type MetricsInterface = MetricsInterfaceCounters & {
  host: string;
  name: string;
  mtuBytes: number | null;
  speedMbps: number | null;
  state: LinkState;
};

/** The newest iperf result of one data flow, sender -> receiver (either end may have been the iperf client). */
export type MetricsIperfFlow = { sender: string; receiver: string; bitsPerSecond: number; at: number };

export type MetricsSnapshot = {
  now: number;
  openFindings: { severity: Severity; kind: string; count: number }[];
  hosts: MetricsHost[];
  interfaces: MetricsInterface[];
  iperfFlows: MetricsIperfFlow[];
  queues: {
    /** Hosts whose newest collection has not finished yet. */
    collectionsRunning: number;
    iperfQueued: number;
    iperfRunning: number;
    /** Scheduled jobs (collect-all, iperf schedules, housekeeping) more than a minute past their due time. */
    scheduledJobsOverdue: number;
  };
};
