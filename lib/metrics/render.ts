import { Counter, Gauge, Registry } from "prom-client";
import type { MetricsCollectionStatus, MetricsInterfaceCounters, MetricsSnapshot } from "@/lib/domain/metrics";

// The Prometheus view of a MetricsSnapshot, built in a Registry of its own on every call:
// prom-client's global registry would keep the previous scrape's series (a host deleted
// since, a finding resolved), and Next may load this module more than once, which would
// register every metric twice. Pure: the snapshot in, the registry or text out.

export const CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

const STATUSES: MetricsCollectionStatus[] = ["ok", "partial", "failed"];

/**
 * Kernel counters as read, exposed as counters so rate() and increase() handle their resets
 * (a reboot, a driver reload) the way they do for node_exporter's.
 */
const COUNTERS: { key: keyof MetricsInterfaceCounters; name: string; help: string }[] = [
  { key: "rxBytes", name: "netdiag_interface_receive_bytes_total", help: "Bytes received by the interface, as its kernel counter read them at the newest collection." },
  { key: "txBytes", name: "netdiag_interface_transmit_bytes_total", help: "Bytes sent by the interface, as its kernel counter read them at the newest collection." },
  { key: "rxPackets", name: "netdiag_interface_receive_packets_total", help: "Packets received by the interface (kernel counter at the newest collection)." },
  { key: "txPackets", name: "netdiag_interface_transmit_packets_total", help: "Packets sent by the interface (kernel counter at the newest collection)." },
  { key: "rxErrors", name: "netdiag_interface_receive_errors_total", help: "Receive errors of the interface (kernel counter at the newest collection)." },
  { key: "txErrors", name: "netdiag_interface_transmit_errors_total", help: "Transmit errors of the interface (kernel counter at the newest collection)." },
  { key: "rxDropped", name: "netdiag_interface_receive_drops_total", help: "Received packets the interface dropped (kernel counter at the newest collection)." },
  { key: "txDropped", name: "netdiag_interface_transmit_drops_total", help: "Packets to send the interface dropped (kernel counter at the newest collection)." },
];

const seconds = (ms: number) => ms / 1000;

/** The slower of two flows over the faster: 1 when both directions carry the same, toward 0 as one falls behind. */
export function asymmetryRatio(aBps: number, bBps: number): number | null {
  const fast = Math.max(aBps, bBps);
  return fast > 0 ? Math.min(aBps, bBps) / fast : null;
}

export function buildRegistry(s: MetricsSnapshot): Registry {
  const registry = new Registry();
  const registers = [registry];
  const gauge = <L extends string>(name: string, help: string, labelNames: L[]) => new Gauge<L>({ name, help, labelNames, registers });

  const findings = gauge("netdiag_findings_open", "Open findings (not acknowledged, muted or resolved), by severity and kind.", ["severity", "kind"]);
  for (const f of s.openFindings) findings.set({ severity: f.severity, kind: f.kind }, f.count);

  gauge("netdiag_hosts", "Hosts registered in netdiag.", []).set(s.hosts.length);
  const status = gauge("netdiag_host_last_collection_status", "1 for the outcome of the host's newest finished collection (ok, partial or failed), 0 for the others.", ["host", "status"]);
  const duration = gauge("netdiag_host_last_collection_duration_seconds", "How long the host's newest finished collection took.", ["host"]);
  const finished = gauge("netdiag_host_last_collection_timestamp_seconds", "When the host's newest finished collection ended (Unix time).", ["host"]);
  const age = gauge("netdiag_host_last_collection_age_seconds", "Seconds since the host's newest finished collection ended, at the time of the scrape.", ["host"]);
  const successAge = gauge("netdiag_host_last_success_age_seconds", "Seconds since the host's newest successful (ok or partial) collection started: the age of its interface data.", ["host"]);
  for (const h of s.hosts) {
    if (h.lastRun) {
      for (const st of STATUSES) status.set({ host: h.name, status: st }, h.lastRun.status === st ? 1 : 0);
      if (h.lastRun.durationMs !== null) duration.set({ host: h.name }, seconds(h.lastRun.durationMs));
      finished.set({ host: h.name }, seconds(h.lastRun.finishedAt));
      age.set({ host: h.name }, Math.max(0, seconds(s.now - h.lastRun.finishedAt)));
    }
    if (h.lastSuccessAt !== null) successAge.set({ host: h.name }, Math.max(0, seconds(s.now - h.lastSuccessAt)));
  }

  const nic = ["host", "interface"] as ("host" | "interface")[];
  const mtu = gauge("netdiag_interface_mtu_bytes", "MTU of the interface in its newest snapshot.", nic);
  // Bytes, not bits: Prometheus' base unit (promtool check metrics refuses "bits"), as in node_exporter's node_network_speed_bytes.
  const speed = gauge("netdiag_interface_speed_bytes_per_second", "Negotiated link speed of the interface in bytes/s (x8 for bits/s); absent when the platform does not report one.", nic);
  const up = gauge("netdiag_interface_up", "1 when the interface's link is up, 0 when down; absent when its state is unknown (loopback, some tunnels).", nic);
  const counters = COUNTERS.map((c) => ({ ...c, metric: new Counter<"host" | "interface">({ name: c.name, help: c.help, labelNames: nic, registers }) }));
  for (const i of s.interfaces) {
    const labels = { host: i.host, interface: i.name };
    if (i.mtuBytes !== null) mtu.set(labels, i.mtuBytes);
    if (i.speedMbps !== null && i.speedMbps > 0) speed.set(labels, (i.speedMbps * 1e6) / 8);
    if (i.state !== "unknown") up.set(labels, i.state === "up" ? 1 : 0);
    for (const c of counters) {
      const v = i[c.key];
      if (v !== null && v >= 0) c.metric.inc(labels, v);
    }
  }

  const flow = ["sender", "receiver"] as ("sender" | "receiver")[];
  const bps = gauge("netdiag_iperf_bytes_per_second", "Throughput of the newest iperf3 result per data flow, sender to receiver, as received, in bytes/s (x8 for bits/s).", flow);
  const at = gauge("netdiag_iperf_result_timestamp_seconds", "When the run holding the newest iperf3 result of the flow started (Unix time).", flow);
  const byFlow = new Map<string, number>();
  for (const f of s.iperfFlows) {
    bps.set({ sender: f.sender, receiver: f.receiver }, f.bitsPerSecond / 8);
    at.set({ sender: f.sender, receiver: f.receiver }, seconds(f.at));
    byFlow.set(`${f.sender}\u0000${f.receiver}`, f.bitsPerSecond);
  }
  const asym = gauge(
    "netdiag_iperf_asymmetry_ratio",
    "Slower over faster direction of the newest iperf3 results between two hosts (1: symmetric); host_a sorts before host_b. Only for pairs measured both ways.",
    ["host_a", "host_b"],
  );
  for (const f of s.iperfFlows) {
    if (f.sender.localeCompare(f.receiver) >= 0) continue;
    const back = byFlow.get(`${f.receiver}\u0000${f.sender}`);
    const ratio = back === undefined ? null : asymmetryRatio(f.bitsPerSecond, back);
    if (ratio !== null) asym.set({ host_a: f.sender, host_b: f.receiver }, ratio);
  }

  gauge("netdiag_collections_in_progress", "Collections started and not finished yet (the collection queue: a due collection starts at once, up to NETDIAG_COLLECT_CONCURRENCY).", []).set(s.queues.collectionsRunning);
  const iperf = gauge("netdiag_iperf_queue_depth", "iperf3 runs waiting for their turn (queued) or measuring now (running).", ["state"]);
  iperf.set({ state: "queued" }, s.queues.iperfQueued);
  iperf.set({ state: "running" }, s.queues.iperfRunning);
  gauge("netdiag_scheduled_jobs_overdue", "Scheduled jobs (collect-all, iperf schedules, housekeeping) more than a minute past their due time and not started: the scheduler is behind.", []).set(s.queues.scheduledJobsOverdue);
  return registry;
}

/** The snapshot in the Prometheus text exposition format (version 0.0.4). */
export function renderMetrics(s: MetricsSnapshot): Promise<string> {
  return buildRegistry(s).metrics();
}
