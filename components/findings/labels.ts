// Display words for findings; pure, shared by server and client components.
import type { Tone } from "@/components/ui/badge";
import type { Severity } from "@/lib/domain/finding";
import type { FindingStatus } from "@/lib/domain/views";
import { splitFieldUnit } from "@/lib/domain/units";

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
  "mtu-df-failure": "jumbo frames blocked",
  "link-duplex": "half duplex",
  "link-speed": "slow link",
  "link-errors": "errors / drops",
  "link-down": "link down",
  "neighbor-unreachable": "no answer on the local network",
  "iperf-asymmetry": "iperf asymmetry",
  "iperf-below-link-speed": "iperf below link speed",
  "iperf-retransmits": "iperf retransmits",
  "notification-failing": "notifications failing",
};

// Evidence sources that are a command: the command is kept (it is what to run again) but named
// in words first, and set apart so the uppercase header never turns "-M do" into "-M DO".
const SOURCE_WORDS: Record<string, string> = { "ping -M do": "don't-fragment pings", "ping -6 -M do": "don't-fragment pings" };

export function sourceHeader(source: string): { words: string; command: string | null } {
  const words = SOURCE_WORDS[source];
  return words ? { words, command: source } : { words: source, command: null };
}

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

const WORDS: Record<string, string> = { mac: "MAC", ip: "IP", mtu: "MTU", rx: "RX", tx: "TX", l2: "L2", cpu: "CPU", rtt: "RTT" };

// Field names that are ping's own vocabulary, said the way a newcomer reads them. Display only:
// the stored names stay, so muted findings keep their identity.
const FIELD_WORDS: Record<string, { words: string; unit: string | null }> = {
  packetBytes: { words: "packet size", unit: "bytes" },
  payloadBytes: { words: "data in the ping", unit: "bytes" },
  tooBig: { words: "refused as too big", unit: null },
  reportedMtu: { words: "limit named in the refusal", unit: null },
};

/**
 * A field name in words and, apart, the unit its name carries: "previousMac" → { words:
 * "previous MAC", unit: null }, "receivedMbps" → { words: "received", unit: "Mbit/s" }. Apart so
 * a header may style its words (upper-case) while the unit keeps its exact case.
 */
export function fieldHeader(key: string): { words: string; unit: string | null } {
  const plain = FIELD_WORDS[key];
  if (plain) return plain;
  const { name, unit } = splitFieldUnit(key);
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(" ")
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase())
    .join(" ");
  return { words, unit };
}

/** "previousMac" → "previous MAC", "rxErrors" → "RX errors", "receivedMbps" → "received (Mbit/s)". */
export function fieldLabel(key: string): string {
  const { words, unit } = fieldHeader(key);
  return unit ? `${words} (${unit})` : words;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
