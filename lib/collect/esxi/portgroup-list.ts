import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { splitLines } from "@/lib/collect/common/lines";
import { readTable } from "@/lib/collect/common/table";

/** Portgroups of the standard vSwitches with their VLAN ID (0 = untagged, 4095 = all VLANs, trunk). */
export const ESXI_PORTGROUP_COMMAND = "esxcli network vswitch standard portgroup list";

export type PortgroupRow = { name: string; vswitch: string; vlanId: number | null; activeClients: number | null };

const int = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : null);

export function parse(stdout: string): ParseResult<PortgroupRow[]> {
  const table = readTable(splitLines(stdout), ["Name", "Virtual Switch", "Active Clients", "VLAN ID"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: PortgroupRow[] = [];
  for (const { line, cells } of table.rows) {
    const name = cells.get("Name") ?? "";
    const vswitch = cells.get("Virtual Switch") ?? "";
    const vlanId = int(cells.get("VLAN ID"));
    if (name === "" || !/^\S+$/.test(vswitch) || vlanId === null) {
      skipped.push({ line, reason: "expected Name, Virtual Switch, Active Clients, VLAN ID" });
      continue;
    }
    value.push({ name, vswitch, vlanId, activeClients: int(cells.get("Active Clients")) });
  }
  return { value, skipped };
}
