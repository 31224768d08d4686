import type { MetricsSnapshot } from "@/lib/domain/metrics";

export const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

/** A small install: two hosts (one failing), their NICs, one pair tested both ways. */
export const SAMPLE: MetricsSnapshot = {
  now: NOW,
  openFindings: [
    { severity: "critical", kind: "duplicate-mac", count: 1 },
    { severity: "warning", kind: "mtu-mismatch", count: 2 },
  ],
  hosts: [
    { name: "nas", lastRun: { status: "ok", durationMs: 1250, finishedAt: NOW - 30_000 }, lastSuccessAt: NOW - 31_250 },
    { name: "router", lastRun: { status: "failed", durationMs: 10_000, finishedAt: NOW - 60_000 }, lastSuccessAt: NOW - 3_600_000 },
    { name: "new-host", lastRun: null, lastSuccessAt: null },
  ],
  interfaces: [
    {
      host: "nas",
      name: "eth0",
      mtuBytes: 9000,
      speedMbps: 10_000,
      state: "up",
      // Past 2^53 a JS number rounds, as Prometheus' float64 does anyway; 2^40 stays exact.
      rxBytes: 2 ** 40,
      txBytes: 123_456_789,
      rxPackets: 1000,
      txPackets: 900,
      rxErrors: 3,
      txErrors: 0,
      rxDropped: 7,
      txDropped: 0,
    },
    { host: "nas", name: "lo", mtuBytes: 65536, speedMbps: null, state: "unknown", rxBytes: 10, txBytes: 10, rxPackets: 1, txPackets: 1, rxErrors: 0, txErrors: 0, rxDropped: 0, txDropped: 0 },
    { host: "router", name: 'we"ird\\name', mtuBytes: 1500, speedMbps: 0, state: "down", rxBytes: null, txBytes: null, rxPackets: null, txPackets: null, rxErrors: null, txErrors: null, rxDropped: null, txDropped: null },
  ],
  iperfFlows: [
    { sender: "nas", receiver: "router", bitsPerSecond: 940e6, at: NOW - 600_000 },
    { sender: "router", receiver: "nas", bitsPerSecond: 300e6, at: NOW - 600_000 },
    { sender: "nas", receiver: "new-host", bitsPerSecond: 500e6, at: NOW - 60_000 },
  ],
  queues: { collectionsRunning: 1, iperfQueued: 2, iperfRunning: 1, scheduledJobsOverdue: 0 },
};
