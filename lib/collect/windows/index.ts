import type { Collector } from "@/lib/collect/collector";
import type { Exec, Snapshot } from "@/lib/domain/snapshot";
import type { InterfaceRow } from "@/lib/domain/rows";
import { InterfaceTable } from "@/lib/collect/common/interface";
import { firstCause, runFirst } from "@/lib/collect/common/run-step";
import { isNull, listStep, mapStep } from "@/lib/collect/common/steps";
import { firstLine } from "@/lib/collect/linux/first-line";
import { runStep, type Step } from "@/lib/collect/common/run-step";
import * as arpA from "./arp-a";
import * as adapters from "./get-netadapter";
import type { AdapterRow } from "./get-netadapter";
import * as statistics from "./get-netadapterstatistics";
import * as ipAddresses from "./get-netipaddress";
import * as ipAddressList from "./get-netipaddress-list";
import * as ipInterfaces from "./get-netipinterface";
import type { IpInterfaceRow } from "./get-netipinterface";
import * as neighbors from "./get-netneighbor";
import type { WindowsNeighborRow } from "./get-netneighbor";
import * as netsh from "./netsh-neighbors";
import * as subinterfaces from "./netsh-subinterfaces";
import type { SubinterfaceRow } from "./netsh-subinterfaces";
import * as tables from "./text-tables";
import * as ver from "./ver";

/** Works in cmd.exe and PowerShell alike (uname -n does not exist on Windows). */
export const WINDOWS_HOSTNAME_COMMAND = "hostname";

// PowerShell JSON first (locale-independent); the text commands, which have real captures and
// are localized, when PowerShell or a cmdlet is missing (Server Core without NetTCPIP module,
// a restricted shell) or its output does not read.
const adapterJson = listStep(adapters.GET_NETADAPTER_COMMAND, adapters.parse);
const adapterText = listStep(tables.GET_NETADAPTER_TEXT_COMMAND, tables.parseNetAdapterTable);
const ipifJson = listStep(ipInterfaces.GET_NETIPINTERFACE_COMMAND, ipInterfaces.parse);
const ipifText = listStep(tables.GET_NETIPINTERFACE_TEXT_COMMAND, tables.parseNetIPInterfaceTable);
const subifs = listStep(subinterfaces.NETSH_SUBINTERFACES_COMMAND, subinterfaces.parse);
const ipifFromSubifs = mapStep(subifs, (rows) => rows.map((r): IpInterfaceRow & { bytes?: SubinterfaceRow } => ({ alias: r.alias, ifIndex: null, family: "ipv4", mtu: r.mtu, bytes: r })), (rows) => rows.length === 0);
const addressJson = listStep(ipAddresses.GET_NETIPADDRESS_COMMAND, ipAddresses.parse);
const addressText = listStep(ipAddressList.GET_NETIPADDRESS_TEXT_COMMAND, ipAddressList.parse);
const statsJson = listStep(statistics.GET_NETADAPTERSTATISTICS_COMMAND, statistics.parse);
const statsText = listStep(tables.GET_NETADAPTERSTATISTICS_TEXT_COMMAND, tables.parseNetAdapterStatisticsTable);
const neighborJson = listStep(neighbors.GET_NETNEIGHBOR_COMMAND, neighbors.parse);
const neighborNetsh4 = listStep(netsh.NETSH_IPV4_NEIGHBORS_COMMAND, netsh.parse);
const neighborNetsh6 = listStep(netsh.NETSH_IPV6_NEIGHBORS_COMMAND, netsh.parse);
const neighborArp = listStep(arpA.ARP_A_COMMAND, arpA.parse);
const hostname: Step<string | null> = { command: WINDOWS_HOSTNAME_COMMAND, parse: firstLine, isEmpty: isNull };
const version: Step<string | null> = { command: ver.VER_COMMAND, parse: ver.parse, isEmpty: isNull };

export const WINDOWS_COMMANDS = [
  adapterJson, adapterText, ipifJson, ipifText, subifs, addressJson, addressText, statsJson, statsText, neighborJson, neighborNetsh4, neighborNetsh6, neighborArp, hostname, version,
].map((step) => step.command);

function kindOf(row: InterfaceRow, description: string | null): string | null {
  if (/loopback/i.test(row.name)) return "loopback";
  if (/hyper-v virtual ethernet|vEthernet/i.test(`${row.name} ${description ?? ""}`)) return "bridge";
  return row.mac !== null ? "ether" : null;
}

async function collect(exec: Exec): Promise<Snapshot> {
  const [adapterRows, ipifRows, addressRows, statRows, neighborRows, names, versions] = await Promise.all([
    runFirst<AdapterRow[]>(exec, [adapterJson, adapterText]),
    runFirst<(IpInterfaceRow & { bytes?: SubinterfaceRow })[]>(exec, [ipifJson, ipifText, ipifFromSubifs]),
    runFirst(exec, [addressJson, addressText]),
    runFirst(exec, [statsJson, statsText]),
    runFirst<WindowsNeighborRow[]>(exec, [neighborJson, neighborNetsh4, neighborArp]),
    runStep(exec, hostname),
    runStep(exec, version),
  ]);
  // Get-NetNeighbor covers both families; the text fallbacks need netsh's IPv6 view as well.
  const v6 = neighborRows.outcomes[0]?.ok ? null : await runFirst<WindowsNeighborRow[]>(exec, [neighborNetsh6]);
  if (adapterRows.value === null && ipifRows.value === null && neighborRows.value === null) {
    throw firstCause(adapterRows, ipifRows, neighborRows);
  }

  const table = new InterfaceTable();
  const byIndex = new Map<number, string>();
  const descriptions = new Map<string, string | null>();
  for (const a of adapterRows.value ?? []) {
    const { name, description, ifIndex, ...fields } = a;
    Object.assign(table.get(name), fields);
    descriptions.set(name, description);
    if (ifIndex !== null) byIndex.set(ifIndex, name);
  }
  for (const ipif of ipifRows.value ?? []) {
    if (ipif.ifIndex !== null && !byIndex.has(ipif.ifIndex)) byIndex.set(ipif.ifIndex, ipif.alias);
    const row = table.get(ipif.alias);
    // The IPv4 MTU is what DF pings and peers see; IPv6's minimum is 1280 anyway.
    if (ipif.family === "ipv4" || row.mtu === null) row.mtu = ipif.mtu ?? row.mtu;
    if (ipif.bytes) Object.assign(row, { rxBytes: ipif.bytes.rxBytes, txBytes: ipif.bytes.txBytes });
  }
  for (const a of addressRows.value ?? []) table.addAddress(a.alias, a.address);
  for (const s of statRows.value ?? []) {
    const { name, ...counters } = s;
    Object.assign(table.get(name), counters);
  }
  const interfaces = table.list().map((row) => ({ ...row, kind: row.kind ?? kindOf(row, descriptions.get(row.name) ?? null) }));
  // arp -a names an interface by its address and hex index: use the adapter name when known.
  const named = [...(neighborRows.value ?? []), ...(v6?.value ?? [])].map(({ ifIndex, ...n }) => ({
    ...n,
    interface: (ifIndex !== null ? byIndex.get(ifIndex) : undefined) ?? n.interface,
  }));

  return {
    platform: "windows",
    hostname: names.ok ? names.value : null,
    kernel: versions.ok ? versions.value : null,
    interfaces,
    neighbors: named,
    commands: [
      ...adapterRows.outcomes,
      ...ipifRows.outcomes,
      ...addressRows.outcomes,
      ...statRows.outcomes,
      ...neighborRows.outcomes,
      ...(v6?.outcomes ?? []),
      names.outcome,
      versions.outcome,
    ],
  };
}

export const windowsCollector: Collector = {
  platform: "windows",
  firstRound: [adapterJson, ipifJson, addressJson, statsJson, neighborJson, hostname, version].map((s) => s.command),
  collect,
};
