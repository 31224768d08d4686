import type { IperfRunView } from "@/lib/domain/iperf";
import type { FindingView, RunDetail } from "@/lib/domain/views";
import type { Table } from "./csv";

// One CSV table per export: flat columns a spreadsheet can sort and filter, times in ISO 8601
// UTC, rates in bits per second (the unit iperf3 reports), nested evidence as one JSON column.

const names = (hosts: { name: string }[]) => hosts.map((h) => h.name).join("; ");

export const findingsTable: Table<FindingView> = {
  columns: ["id", "status", "severity", "kind", "title", "hosts", "involved_hosts", "opened_at", "first_seen_at", "last_seen_at", "resolved_at", "occurrences", "status_reason", "explanation", "fix", "evidence"],
  row: (f) => [
    f.id,
    f.status,
    f.severity,
    f.kind,
    f.title,
    names(f.hosts),
    names(f.involvedHosts),
    f.openedAt,
    f.firstSeenAt,
    f.lastSeenAt,
    f.resolvedAt,
    f.occurrences,
    f.statusReason,
    f.explanation,
    f.fix,
    JSON.stringify(f.evidence),
  ],
};

/** A collection run as exported: its host's name beside it (the run view has only the id). */
export type ExportedRun = RunDetail & { hostName: string };

export const runsTable: Table<ExportedRun> = {
  columns: ["id", "host_id", "host", "status", "started_at", "finished_at", "duration_ms", "shell_starts", "channels", "error_code", "error", "failed_commands"],
  row: (r) => [
    r.runId,
    r.hostId,
    r.hostName,
    r.status,
    r.startedAt,
    r.finishedAt,
    r.durationMs,
    r.shellStarts,
    r.channels,
    r.errorCode,
    r.error,
    r.commands
      .filter((c) => !c.ok)
      .map((c) => c.command)
      .join("; "),
  ],
};

export const iperfRunsTable: Table<IperfRunView> = {
  columns: [
    "id",
    "status",
    "created_at",
    "started_at",
    "finished_at",
    "client",
    "server",
    "server_address",
    "client_address",
    "protocol",
    "duration_s",
    "parallel",
    "direction",
    "forward_bps",
    "reverse_bps",
    "forward_retransmits",
    "reverse_retransmits",
    "forward_lost_percent",
    "reverse_lost_percent",
    "client_interface",
    "server_interface",
    "client_link_mbps",
    "server_link_mbps",
    "error_code",
    "error",
  ],
  row: (r) => [
    r.id,
    r.status,
    r.createdAt,
    r.startedAt,
    r.finishedAt,
    r.clientHostName,
    r.serverHostName,
    r.serverAddress,
    r.clientAddress,
    r.protocol,
    r.durationSec,
    r.parallel,
    r.direction,
    r.forward?.bitsPerSecond,
    r.reverse?.bitsPerSecond,
    r.forward?.retransmits,
    r.reverse?.retransmits,
    r.forward?.lostPercent,
    r.reverse?.lostPercent,
    r.interfaces.client,
    r.interfaces.server,
    r.interfaces.clientLinkMbps,
    r.interfaces.serverLinkMbps,
    r.errorCode,
    r.error,
  ],
};
