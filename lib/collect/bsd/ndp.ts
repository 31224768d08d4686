import { isIPv6 } from "node:net";
import type { NeighborRow, NeighborState, ParseResult, SkippedLine } from "@/lib/collect/types";
import { normalizeMac } from "@/lib/collect/normalize";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { neighborRow, withoutZone } from "@/lib/collect/common/neighbor";

/**
 * IPv6 neighbors (FreeBSD, macOS): Neighbor, Linklayer Address, Netif, Expire, S(tate), Flags.
 * No real capture of it is in ../shared/fixtures: this follows ndp(8)'s documented columns and
 * state letters and is proven on nothing but malformed input. Rows it cannot read are
 * reported as skipped, so a format it gets wrong shows up on the run instead of passing quietly.
 */
export const NDP_COMMAND = "ndp -an";

const LETTERS: Record<string, NeighborState> = {
  R: "reachable",
  S: "stale",
  D: "delay",
  P: "probe",
  I: "incomplete",
  W: "stale",
  N: "unknown",
};

export function parse(stdout: string): ParseResult<NeighborRow[]> {
  const value: NeighborRow[] = [];
  const skipped: SkippedLine[] = [];
  for (const line of nonBlank(splitLines(stdout))) {
    if (/^Neighbor\s+Linklayer Address/.test(line)) continue;
    const [ip = "", lladdr = "", netif, expire = "", state = "", flags = ""] = line.trim().split(/\s+/);
    const address = withoutZone(ip);
    if (!isIPv6(address) || netif === undefined) {
      skipped.push({ line, reason: "expected Neighbor, Linklayer Address, Netif, Expire, S, Flags" });
      continue;
    }
    const mac = normalizeMac(lladdr);
    const letterState = LETTERS[state] ?? "unknown";
    const rowState = mac === null ? "incomplete" : expire === "permanent" ? "permanent" : letterState;
    value.push(neighborRow(address, mac, netif, rowState, flags.includes("R")));
  }
  return { value, skipped };
}
