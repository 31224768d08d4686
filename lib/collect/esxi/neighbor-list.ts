import { isIP } from "node:net";
import type { NeighborRow, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { splitLines } from "@/lib/collect/common/lines";
import { neighborRow, stateWord } from "@/lib/collect/common/neighbor";
import { readTable } from "@/lib/collect/common/table";

/**
 * Both families, every netstack's default. Two eras (tests/fixtures/README.md): 5.x has no
 * Type column; 6.x+ adds Type, prints "(incomplete)" for unresolved MACs and a negative Expiry
 * for entries past their lifetime. IPv4 rows leave State blank.
 */
export const ESXI_NEIGHBOR_COMMAND = "esxcli network ip neighbor list";

const TITLES = ["Neighbor", "Mac Address", "Vmknic", "Expiry", "State"];

function stateOf(state: string, type: string, mac: string | null, expiry: string) {
  if (state !== "") return stateWord(state);
  if (mac === null) return "incomplete";
  if (/^static$/i.test(type)) return "permanent";
  if (/^-\d/.test(expiry)) return "stale";
  return "reachable";
}

export function parse(stdout: string): ParseResult<NeighborRow[]> {
  const table = readTable(splitLines(stdout), TITLES);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: NeighborRow[] = [];
  for (const row of table.rows) {
    const ip = row.cells.get("Neighbor") ?? "";
    const vmknic = row.cells.get("Vmknic") ?? "";
    if (isIP(ip) === 0 || !/^\S+$/.test(vmknic)) {
      skipped.push({ line: row.line, reason: "expected an IP address and a vmknic" });
      continue;
    }
    const mac = normalizeMac(row.cells.get("Mac Address") ?? "");
    const state = stateOf(row.cells.get("State") ?? "", row.cells.get("Type") ?? "", mac, row.cells.get("Expiry") ?? "");
    value.push(neighborRow(ip, mac, vmknic, state));
  }
  return { value, skipped };
}
