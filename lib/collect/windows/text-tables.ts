import { isIP } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { splitLines } from "@/lib/collect/common/lines";
import { neighborRow, stateWord } from "@/lib/collect/common/neighbor";
import { counterOf } from "@/lib/collect/common/interface";
import { speedWithUnit } from "@/lib/collect/common/speed";
import { readTable } from "@/lib/collect/common/table";
import { adapterState, type AdapterRow } from "./get-netadapter";
import type { StatisticsRow } from "./get-netadapterstatistics";
import { ipMtu, type IpInterfaceRow } from "./get-netipinterface";
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

/** Get-NetIPInterface: ifIndex, InterfaceAlias, AddressFamily, NlMtu(Bytes), … (one row per family). */
export const GET_NETIPINTERFACE_TEXT_COMMAND = powershellTable("Get-NetIPInterface");

export function parseNetIPInterfaceTable(stdout: string): ParseResult<IpInterfaceRow[]> {
  const table = readTable(splitLines(stdout), ["ifIndex", "InterfaceAlias", "AddressFamily", "NlMtu(Bytes)"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: IpInterfaceRow[] = [];
  for (const { line, cells } of table.rows) {
    const ifIndex = cells.get("ifIndex") ?? "";
    const alias = cells.get("InterfaceAlias") ?? "";
    const family = cells.get("AddressFamily");
    if (!/^\d+$/.test(ifIndex) || alias === "") {
      skipped.push({ line, reason: "expected ifIndex InterfaceAlias AddressFamily NlMtu(Bytes)" });
      continue;
    }
    const mtu = cells.get("NlMtu(Bytes)") ?? "";
    value.push({
      alias,
      ifIndex: Number(ifIndex),
      family: family === "IPv4" ? "ipv4" : family === "IPv6" ? "ipv6" : null,
      mtu: /^\d+$/.test(mtu) ? ipMtu(Number(mtu)) : null,
    });
  }
  return { value, skipped };
}

/** Get-NetAdapterStatistics: Name, ReceivedBytes, ReceivedUnicastPackets, SentBytes, SentUnicastPackets. */
export const GET_NETADAPTERSTATISTICS_TEXT_COMMAND = powershellTable("Get-NetAdapterStatistics");

const STAT_COLUMNS = [
  ["ReceivedBytes", "rxBytes"],
  ["ReceivedUnicastPackets", "rxPackets"],
  ["SentBytes", "txBytes"],
  ["SentUnicastPackets", "txPackets"],
] as const;

export function parseNetAdapterStatisticsTable(stdout: string): ParseResult<StatisticsRow[]> {
  const table = readTable(splitLines(stdout), ["Name", ...STAT_COLUMNS.map(([title]) => title)]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: StatisticsRow[] = [];
  for (const { line, cells } of table.rows) {
    const name = cells.get("Name") ?? "";
    if (name === "") {
      skipped.push({ line, reason: "expected Name ReceivedBytes ReceivedUnicastPackets SentBytes SentUnicastPackets" });
      continue;
    }
    // The default view has no error or discard columns: those stay unknown.
    const row: StatisticsRow = { name, rxBytes: null, txBytes: null, rxPackets: null, txPackets: null, rxErrors: null, txErrors: null, rxDropped: null, txDropped: null };
    const unread: SkippedLine[] = [];
    for (const [title, field] of STAT_COLUMNS) {
      const text = cells.get(title) ?? "";
      row[field] = counterOf(text);
      // Format-Table cuts a number wider than its column to "...<last digits>": the value is lost.
      if (row[field] === null) unread.push({ line, reason: `${title} '${text.slice(0, 40)}' is not a whole count (cut to the column width?): unknown` });
    }
    // Not one count read: the line is not an adapter's row (text after the table), one skipped line.
    if (unread.length === STAT_COLUMNS.length) {
      skipped.push({ line, reason: "expected Name ReceivedBytes ReceivedUnicastPackets SentBytes SentUnicastPackets" });
      continue;
    }
    skipped.push(...unread);
    value.push(row);
  }
  return { value, skipped };
}
