import { isIP } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/collect/types";
import { normalizeMac } from "@/lib/collect/normalize";
import { splitLines } from "@/lib/collect/common/lines";
import { neighborRow, stateWord } from "@/lib/collect/common/neighbor";
import { speedWithUnit } from "@/lib/collect/common/speed";
import { readTable } from "@/lib/collect/common/table";
import { adapterState, type AdapterRow } from "./get-netadapter";
import type { WindowsNeighborRow } from "./get-netneighbor";
import { powershellTable, windowsMac } from "./powershell";

/*
 * The cmdlets' default table views. Format-Table puts a dash run under each heading as long as
 * the heading (not the column), so values may run past their dashes; columns are located from
 * the headings. Property names are not localized.
 */

/** Get-NetAdapter: Name, InterfaceDescription, ifIndex, Status, MacAddress, LinkSpeed. */
export const GET_NETADAPTER_TEXT_COMMAND = powershellTable("Get-NetAdapter");

export function parseNetAdapterTable(stdout: string): ParseResult<AdapterRow[]> {
  const table = readTable(splitLines(stdout), ["Name", "InterfaceDescription", "ifIndex", "Status", "MacAddress", "LinkSpeed"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: AdapterRow[] = [];
  for (const { line, cells } of table.rows) {
    const name = cells.get("Name") ?? "";
    const ifIndex = cells.get("ifIndex") ?? "";
    if (name === "" || !/^\d+$/.test(ifIndex)) {
      skipped.push({ line, reason: "expected Name … ifIndex Status MacAddress LinkSpeed" });
      continue;
    }
    const state = adapterState(cells.get("Status"));
    value.push({
      name,
      description: cells.get("InterfaceDescription") || null,
      ifIndex: Number(ifIndex),
      state,
      mac: normalizeMac(cells.get("MacAddress") ?? ""),
      speedMbps: state === "down" ? null : speedWithUnit(cells.get("LinkSpeed") ?? ""),
      mtu: null,
      duplex: null,
      driver: null,
    });
  }
  return { value, skipped };
}

/** Get-NetNeighbor: ifIndex, IPAddress, LinkLayerAddress, State, PolicyStore (IPv6 addresses may be cut with "…"). */
export const GET_NETNEIGHBOR_TEXT_COMMAND = powershellTable("Get-NetNeighbor");

export function parseNetNeighborTable(stdout: string): ParseResult<WindowsNeighborRow[]> {
  const table = readTable(splitLines(stdout), ["ifIndex", "IPAddress", "LinkLayerAddress", "State"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: WindowsNeighborRow[] = [];
  for (const { line, cells } of table.rows) {
    const ifIndex = cells.get("ifIndex") ?? "";
    const ip = cells.get("IPAddress") ?? "";
    if (!/^\d+$/.test(ifIndex) || isIP(ip) === 0) {
      skipped.push({ line, reason: "expected ifIndex IPAddress LinkLayerAddress State" });
      continue;
    }
    const mac = windowsMac(normalizeMac(cells.get("LinkLayerAddress") ?? ""));
    value.push({ ...neighborRow(ip, mac, null, stateWord(cells.get("State") ?? "")), ifIndex: Number(ifIndex) });
  }
  return { value, skipped };
}
