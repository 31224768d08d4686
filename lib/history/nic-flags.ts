// The flags of a NIC's traffic chart (pure): what happened to that NIC and its host, at the
// moment it happened, so a drop in throughput can be read against its cause.
import type { ChartFlagView } from "@/lib/domain/traffic";
import type { Severity } from "@/lib/domain/finding";

export type NicEvent = { at: number; kind: string; before: string | null; after: string | null };
export type FlagFinding = { id: number; title: string; severity: Severity; openedAt: number; resolvedAt: number | null };
export type FailedRun = { at: number; errorCode: string | null; error: string | null };

/** Failures closer than this to the previous one are one outage, drawn as one flag. */
export const OUTAGE_GAP_MS = 30 * 60_000;

const speed = (v: string | null) => (v === null ? "unknown" : Number(v) >= 1000 ? `${Number(v) / 1000} Gbit/s` : `${v} Mbit/s`);

export function nicEventLabel(name: string, e: NicEvent): string {
  switch (e.kind) {
    case "mtu":
      return `${name}: MTU ${e.before ?? "unknown"} → ${e.after ?? "unknown"}`;
    case "mac":
      return `${name}: MAC ${e.before ?? "none"} → ${e.after ?? "none"}`;
    case "speed":
      return `${name}: link speed ${speed(e.before)} → ${speed(e.after)}`;
    case "duplex":
      return `${name}: duplex ${e.before ?? "unknown"} → ${e.after ?? "unknown"}`;
    case "state":
      return `${name}: link ${e.after ?? "unknown"} (was ${e.before ?? "unknown"})`;
    case "appeared":
      return `${name} appeared`;
    case "gone":
      return `${name} went away`;
    default:
      return `${name}: ${e.kind} changed`;
  }
}

/** Flags within [from, to], oldest first. */
export function nicFlags(name: string, from: number, to: number, events: NicEvent[], findings: FlagFinding[], failures: FailedRun[]): ChartFlagView[] {
  const out: ChartFlagView[] = [];
  for (const e of events) out.push({ t: e.at, kind: `nic-${e.kind}`, label: nicEventLabel(name, e), severity: e.kind === "mtu" || e.kind === "mac" ? "warning" : "info" });
  for (const f of findings) {
    const href = `/findings/${f.id}`;
    out.push({ t: f.openedAt, kind: "finding-opened", label: `Found: ${f.title}`, severity: f.severity, href });
    if (f.resolvedAt !== null) out.push({ t: f.resolvedAt, kind: "finding-resolved", label: `Resolved: ${f.title}`, severity: "info", href });
  }
  const sorted = [...failures].sort((a, b) => a.at - b.at);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.at - sorted[j]!.at <= OUTAGE_GAP_MS) j++;
    const first = sorted[i]!;
    const count = j - i + 1;
    const why = first.error ?? first.errorCode ?? "unknown error";
    out.push({ t: first.at, kind: "collection-failed", label: count > 1 ? `Collection failed ${count} times in a row: ${why}` : `Collection failed: ${why}`, severity: "warning" });
    i = j + 1;
  }
  return out.filter((f) => f.t >= from && f.t <= to).sort((a, b) => a.t - b.t);
}
