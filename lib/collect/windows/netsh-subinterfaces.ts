import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { readCounter } from "@/lib/collect/common/interface";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { ipMtu } from "./get-netipinterface";

/**
 * IPv4 MTU and byte counters per interface name, locale-independent: four numbers then the
 * name. The loopback's MTU 4294967295 overflows its column and shifts the row, so rows are read
 * by word, not by column position.
 */
export const NETSH_SUBINTERFACES_COMMAND = "netsh interface ipv4 show subinterfaces";

export type SubinterfaceRow = { alias: string; mtu: number | null; rxBytes: bigint | null; txBytes: bigint | null };

// Read from the trimmed line, the name to its end (`s`): the lazy `(\S.*?)\s*$` it replaces
// rescanned every blank run inside a name (quadratic).
const ROW = /^(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S.*)$/s;

export function parse(stdout: string): ParseResult<SubinterfaceRow[]> {
  const value: SubinterfaceRow[] = [];
  const skipped: SkippedLine[] = [];
  let headingSeen = false;
  for (const line of nonBlank(splitLines(stdout))) {
    const m = ROW.exec(line.trim());
    if (m) {
      const rxBytes = readCounter(m[3], "Bytes In", line, skipped);
      const txBytes = readCounter(m[4], "Bytes Out", line, skipped);
      value.push({ alias: m[5] ?? "", mtu: ipMtu(Number(m[1])), rxBytes, txBytes });
      continue;
    }
    if (/^[\s-]+$/.test(line)) continue;
    if (!headingSeen && value.length === 0) {
      headingSeen = true;
      continue;
    }
    skipped.push({ line, reason: "expected MTU, MediaSenseState, Bytes In, Bytes Out, Interface" });
  }
  return { value, skipped };
}
