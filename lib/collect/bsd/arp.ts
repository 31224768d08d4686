import { isIP } from "node:net";
import type { NeighborRow, NeighborState, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { neighborRow } from "@/lib/collect/common/neighbor";

/**
 * IPv4 neighbors, numeric. FreeBSD and macOS print one sentence per entry:
 *   ? (192.168.71.2) at 00:50:56:f7:4a:fc on em0 expires in 942 seconds [ethernet]
 *   my-mac.attlocal.net (192.168.1.221) at a4:83:e7:2e:f2:8f on en0 ifscope permanent [ethernet]
 * macOS drops leading zeros per octet ("0:90:a9:ed:f4:3f"). OpenBSD prints a table instead
 * (Host, Ethernet Address, Netif, Expire, Flags); both are read.
 */
export const ARP_COMMAND = "arp -an";

// The rest of the sentence is sliced off, not matched: `(\S+)(?: on (\S+))?(.*)$` overlapped.
const SENTENCE = /^(\S+) \(([^)]+)\) at (\S+)(?: on (\S+))?/;
const OPENBSD_ROW = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(\S+))?\s*$/;

function sentenceState(mac: string | null, rest: string): NeighborState {
  if (mac === null) return "incomplete";
  if (/\bpermanent\b/.test(rest)) return "permanent";
  if (/\bexpired\b/.test(rest)) return "stale";
  return "reachable";
}

function openbsdState(mac: string | null, expire: string): NeighborState {
  if (mac === null) return "incomplete";
  if (expire === "permanent") return "permanent";
  if (expire === "expired") return "stale";
  return "reachable";
}

export function parse(stdout: string): ParseResult<NeighborRow[]> {
  const value: NeighborRow[] = [];
  const skipped: SkippedLine[] = [];
  for (const line of nonBlank(splitLines(stdout))) {
    const text = line.trim();
    const sentence = SENTENCE.exec(text);
    if (sentence && isIP(sentence[2] ?? "") !== 0) {
      const mac = normalizeMac(sentence[3] ?? "");
      value.push(neighborRow(sentence[2] ?? "", mac, sentence[4] ?? null, sentenceState(mac, text.slice(sentence[0].length))));
      continue;
    }
    if (/^Host\s+Ethernet Address\s+Netif/.test(line)) continue;
    const row = OPENBSD_ROW.exec(line.trim());
    if (row && isIP(row[1] ?? "") !== 0) {
      const mac = normalizeMac(row[2] ?? "");
      value.push(neighborRow(row[1] ?? "", mac, row[3] ?? null, openbsdState(mac, row[4] ?? "")));
      continue;
    }
    skipped.push({ line, reason: "expected '? (IP) at MAC on IFACE ...' or an OpenBSD table row" });
  }
  return { value, skipped };
}
