// Display words for findings; pure, shared by server and client components.
import type { Tone } from "@/components/ui/badge";
import type { Severity } from "@/lib/domain/finding";
import type { FindingStatus } from "@/lib/domain/views";

export const SEVERITIES: Severity[] = ["critical", "warning", "info"];

export const SEVERITY_TONE: Record<Severity, Tone> = { critical: "bad", warning: "warn", info: "info" };

export const STATUS_LABEL: Record<FindingStatus, string> = {
  open: "open",
  acknowledged: "acknowledged",
  muted: "muted",
  resolved: "resolved",
};

const KIND_LABEL: Record<string, string> = {
  "duplicate-mac": "one MAC, several IPs",
  "ip-conflict": "IP conflict",
  "mtu-mismatch": "MTU mismatch",
  "mtu-df-failure": "MTU (DF probe)",
  "link-duplex": "half duplex",
  "link-speed": "slow link",
  "link-errors": "errors / drops",
  "link-down": "link down",
  "neighbor-unreachable": "unreachable at L2",
  "iperf-asymmetry": "iperf asymmetry",
  "iperf-below-link-speed": "iperf below link speed",
  "iperf-retransmits": "iperf retransmits",
};

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

const WORDS: Record<string, string> = { mac: "MAC", ip: "IP", mtu: "MTU", mbps: "Mb/s", rx: "RX", tx: "TX", l2: "L2" };

/** "previousMac" → "previous MAC", "rxErrors" → "RX errors". */
export function fieldLabel(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(" ")
    .map((w, i) => WORDS[w.toLowerCase()] ?? (i === 0 ? w.toLowerCase() : w.toLowerCase()))
    .join(" ");
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
