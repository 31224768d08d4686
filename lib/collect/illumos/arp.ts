import { isIPv4 } from "node:net";
import type { NeighborRow, NeighborState, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { splitLines } from "@/lib/collect/common/lines";
import { neighborRow } from "@/lib/collect/common/neighbor";
import { readKnownTable } from "@/lib/collect/common/table";

/**
 * Solaris/illumos "Net to Media Table: IPv4" (IPv4 only; illumos has no ndp command, IPv6
 * neighbors are not listed). Flags: S static, P published (answered by this host, e.g. its
 * own address), L local, U unresolved, M mapping (the multicast row), d dynamic. The Flags
 * column is often empty.
 */
export const ILLUMOS_ARP_COMMAND = "arp -an";

const TITLES = ["Device", "IP Address", "Mask", "Flags", "Phys Addr"];

function stateOf(flags: string, mac: string | null): NeighborState {
  if (flags.includes("M")) return "noarp";
  if (flags.includes("U") || mac === null) return "incomplete";
  if (/[SPL]/.test(flags)) return "permanent";
  return "reachable";
}

export function parse(stdout: string): ParseResult<NeighborRow[]> {
  const lines = splitLines(stdout).filter((line) => !/^\s*Net to Media Table/.test(line));
  const table = readKnownTable(lines, TITLES, ["Device", "IP Address", "Phys Addr"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: NeighborRow[] = [];
  for (const { line, cells } of table.rows) {
    const device = cells.get("Device") ?? "";
    const ip = cells.get("IP Address") ?? "";
    if (!/^\S+$/.test(device) || !isIPv4(ip)) {
      skipped.push({ line, reason: "expected Device, IP Address, Mask, Flags, Phys Addr" });
      continue;
    }
    const mac = normalizeMac(cells.get("Phys Addr") ?? "");
    value.push(neighborRow(ip, mac, device, stateOf(cells.get("Flags") ?? "", mac)));
  }
  return { value, skipped };
}
