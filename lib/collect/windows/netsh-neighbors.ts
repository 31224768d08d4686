import { isIP } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { neighborRow, stateWord } from "@/lib/collect/common/neighbor";
import { isDashLine } from "@/lib/collect/common/table";
import type { WindowsNeighborRow } from "./get-netneighbor";
import { windowsMac } from "./powershell";

/**
 * Per interface, named ("Interface 5: Ethernet 4"; French "Interface 5 : …", German
 * "Schnittstelle 5: …"), then a heading, a dash line and rows of address, MAC (empty on the
 * loopback) and NUD state. The state words are localized too; English ones are mapped,
 * "Permanent" is the same in French and German, anything else is "unknown".
 */
export const NETSH_IPV4_NEIGHBORS_COMMAND = "netsh interface ipv4 show neighbors";
export const NETSH_IPV6_NEIGHBORS_COMMAND = "netsh interface ipv6 show neighbors";

// Both read trimmed lines, so the last group runs to the end (`s`: whatever it holds): the lazy
// `(.+?)\s*$` / `(\S.*?)\s*$` they replace rescanned every blank run (quadratic). \s covers U+00A0.
const GROUP = /^\D*\s(\d+)\s*:\s*(\S.*)$/s;
const ROW = /^(\S+)\s+(?:([0-9a-f]{2}(?:-[0-9a-f]{2}){5})\s+)?(\S.*)$/is;

export function parse(stdout: string): ParseResult<WindowsNeighborRow[]> {
  const value: WindowsNeighborRow[] = [];
  const skipped: SkippedLine[] = [];
  let group: { index: number; name: string } | null = null;
  let pendingHeading: string | null = null;
  for (const line of nonBlank(splitLines(stdout))) {
    const row = ROW.exec(line.trim());
    if (group && row && isIP((row[1] ?? "").split("%")[0] ?? "") !== 0) {
      const mac = windowsMac(row[2] ? normalizeMac(row[2]) : null);
      const ip = (row[1] ?? "").split("%")[0] ?? "";
      value.push({ ...neighborRow(ip, mac, group.name, stateWord((row[3] ?? "").replace(/\s+/g, ""))), ifIndex: group.index });
      continue;
    }
    if (isDashLine(line)) {
      pendingHeading = null;
      continue;
    }
    const g = GROUP.exec(line.trim());
    if (g && !/\s{2,}/.test(line.trim())) {
      if (pendingHeading !== null) skipped.push({ line: pendingHeading, reason: "expected a dash line under the heading" });
      group = { index: Number(g[1]), name: g[2] ?? "" };
      pendingHeading = null;
      continue;
    }
    if (group && pendingHeading === null) {
      pendingHeading = line;
      continue;
    }
    skipped.push({ line, reason: group ? "expected 'address  MAC  state'" : "expected 'Interface N: name'" });
  }
  if (pendingHeading !== null) skipped.push({ line: pendingHeading, reason: "expected a dash line under the heading" });
  return { value, skipped };
}
