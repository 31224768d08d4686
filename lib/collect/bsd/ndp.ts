import { isIPv6 } from "node:net";
import type { NeighborRow, NeighborState, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { neighborRow, withoutZone } from "@/lib/collect/common/neighbor";
import { known } from "@/lib/collect/common/lookup";

/**
 * IPv6 neighbors (FreeBSD, macOS): Neighbor, Linklayer Address, Netif, Expire, S(tate), Flags;
 * macOS adds Prbs (probes) and spells the titles "St Flgs". Real captures (tests/fixtures) prove
 * both, and a FreeBSD whose header ends "Expire    1s 5s" where "S Flags" belongs: rows are
 * read by position and the header only recognised by its first titles, so such a header is harmless.
 * The state letter is followed by the flags, where "R" means router (the same letter as the
 * reachable state, so the two are told apart by column). Rows it cannot read are reported as
 * skipped, so a format it gets wrong shows up on the run instead of passing quietly.
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
    const letterState = known(LETTERS, state) ?? "unknown";
    // The host's own addresses on interfaces without a link layer (lo0, utun*) are permanent
    // entries printed "(incomplete)": nothing is being resolved there.
    const rowState = expire === "permanent" ? "permanent" : mac === null ? "incomplete" : letterState;
    value.push(neighborRow(address, mac, netif, rowState, flags.includes("R")));
  }
  return { value, skipped };
}
