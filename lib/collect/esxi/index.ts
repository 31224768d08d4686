import type { Collector } from "@/lib/collect/collector";
import type { Exec, Snapshot } from "@/lib/domain/snapshot";
import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";
import { InterfaceTable } from "@/lib/collect/common/interface";
import { memoExec, uniqueOutcomes } from "@/lib/collect/common/memo-exec";
import { firstCause, runFirst } from "@/lib/collect/common/run-step";
import { identityOf, isEmptyList, isNull, listStep, mapStep, unameStep } from "@/lib/collect/common/steps";
import { runStep, type Step } from "@/lib/collect/common/run-step";
import * as esxcfgNics from "./esxcfg-nics";
import * as esxcfgVmknic from "./esxcfg-vmknic";
import type { EsxcfgVmknicRow } from "./esxcfg-vmknic";
import * as esxcfgVswitch from "./esxcfg-vswitch";
import * as vmknicList from "./ip-interface-list";
import type { VmknicRow } from "./ip-interface-list";
import * as ipv4 from "./ipv4-get";
import type { VmknicAddress } from "./ipv4-get";
import * as ipv6 from "./ipv6-address-list";
import * as neighborList from "./neighbor-list";
import * as nicList from "./nic-list";
import type { VmnicRow } from "./nic-list";
import * as portgroupList from "./portgroup-list";
import type { PortgroupRow } from "./portgroup-list";
import * as routeList from "./route-list";
import { buildTopology } from "./topology";
import * as version from "./version";
import * as vswitchList from "./vswitch-list";
import type { VswitchRow } from "./vswitch-list";

// esxcli's text tables are read by their header (column titles, dash lines), which keeps them
// stable across releases. --formatter=csv/keyvalue would be stabler still, but no real capture
// of those forms exists to prove a parser on, so the collector runs the text forms only.
const nics = listStep(nicList.ESXI_NIC_LIST_COMMAND, nicList.parse);
const nicsLegacy = listStep(esxcfgNics.ESXCFG_NICS_COMMAND, esxcfgNics.parse);
const vmknics = listStep(vmknicList.ESXI_VMKNIC_LIST_COMMAND, vmknicList.parse);
const esxcfgVmk = listStep(esxcfgVmknic.ESXCFG_VMKNIC_COMMAND, esxcfgVmknic.parse);
const vmknicsLegacy = mapStep(esxcfgVmk, (rows) => vmknicsFrom(rows), isEmptyList);
const v4 = listStep(ipv4.ESXI_IPV4_COMMAND, ipv4.parse);
const v6 = listStep(ipv6.ESXI_IPV6_COMMAND, ipv6.parse);
const v6Legacy = mapStep(esxcfgVmk, (rows) => addressesFrom(rows, "ipv6"), isEmptyList);
const switches = listStep(vswitchList.ESXI_VSWITCH_COMMAND, vswitchList.parse);
const legacySwitches: Step<esxcfgVswitch.EsxcfgVswitch> = {
  command: esxcfgVswitch.ESXCFG_VSWITCH_COMMAND,
  parse: esxcfgVswitch.parse,
  isEmpty: (value) => value.vswitches.length === 0,
};
const switchesLegacy = mapStep(legacySwitches, (value) => value.vswitches, isEmptyList);
const portgroups = listStep(portgroupList.ESXI_PORTGROUP_COMMAND, portgroupList.parse);
const portgroupsLegacy = mapStep(legacySwitches, (value) => value.portgroups, isEmptyList);
const neighbors = listStep(neighborList.ESXI_NEIGHBOR_COMMAND, neighborList.parse);
const routes = listStep(routeList.ESXI_ROUTE_COMMAND, routeList.parse);
const release: Step<string | null> = { command: version.VMWARE_VERSION_COMMAND, parse: version.parse, isEmpty: isNull };

/** Every command the collector may run, preferred forms before their fallbacks. */
export const ESXI_COMMANDS = [
  nics, nicsLegacy, vmknics, esxcfgVmk, v4, v6, switches, legacySwitches, portgroups, neighbors, routes,
  unameStep, release,
].map((step) => step.command);

function vmknicsFrom(rows: EsxcfgVmknicRow[]): VmknicRow[] {
  const byName = new Map<string, VmknicRow>();
  for (const row of rows) {
    if (byName.has(row.name)) continue;
    byName.set(row.name, {
      name: row.name,
      mac: row.mac,
      mtu: row.mtu,
      enabled: row.enabled,
      portset: null,
      portgroup: row.portgroup,
      netstack: row.netstack,
    });
  }
  return [...byName.values()];
}

function addressesFrom(rows: EsxcfgVmknicRow[], family: "ipv4" | "ipv6"): VmknicAddress[] {
  return rows
    .filter((row) => row.family === family && row.address !== null)
    .map((row) => ({ interface: row.name, address: row.address ?? "", type: null, gateway: null }));
}

function vmnicInterface(table: InterfaceTable, nic: VmnicRow): void {
  Object.assign(table.get(nic.name), {
    kind: "ether",
    mac: nic.mac,
    // ESXi offers no command that sets an uplink's MAC, so what nic list prints is the NIC's
    // own; vmk0 borrows vmnic0's at install and shows it under its own name.
    permanentMac: nic.mac,
    mtu: nic.mtu,
    state: nic.linkUp === true ? "up" : nic.linkUp === false ? "down" : "unknown",
    speedMbps: nic.speedMbps,
    duplex: nic.duplex,
    driver: nic.driver,
  } satisfies Partial<InterfaceRow>);
}

function vmknicInterface(table: InterfaceTable, vmk: VmknicRow): void {
  Object.assign(table.get(vmk.name), {
    kind: "vmknic",
    mac: vmk.mac,
    mtu: vmk.mtu,
    state: vmk.enabled === true ? "up" : vmk.enabled === false ? "down" : "unknown",
  } satisfies Partial<InterfaceRow>);
}

async function collect(rawExec: Exec): Promise<Snapshot> {
  const exec = memoExec(rawExec);
  const [nicRows, vmkRows, v4Rows, v6Rows, switchRows, portgroupRows, neighborRows, routeRows, uname, releases] =
    await Promise.all([
      runFirst<VmnicRow[]>(exec, [nics, nicsLegacy]),
      runFirst<VmknicRow[]>(exec, [vmknics, vmknicsLegacy]),
      runFirst<VmknicAddress[]>(exec, [v4]),
      runFirst<VmknicAddress[]>(exec, [v6, v6Legacy]),
      runFirst<VswitchRow[]>(exec, [switches, switchesLegacy]),
      runFirst<PortgroupRow[]>(exec, [portgroups, portgroupsLegacy]),
      runFirst<NeighborRow[]>(exec, [neighbors]),
      runFirst<routeList.RouteRow[]>(exec, [routes]),
      runStep(exec, unameStep),
      runStep(exec, release),
    ]);
  if (nicRows.value === null && vmkRows.value === null && neighborRows.value === null) {
    throw firstCause(nicRows, vmkRows, neighborRows);
  }

  const table = new InterfaceTable();
  for (const nic of nicRows.value ?? []) vmnicInterface(table, nic);
  for (const vmk of vmkRows.value ?? []) vmknicInterface(table, vmk);
  const addresses = new Map<string, string[]>();
  for (const row of [...(v4Rows.value ?? []), ...(v6Rows.value ?? [])]) {
    table.addAddress(row.interface, row.address);
    addresses.set(row.interface, table.get(row.interface).addresses);
  }
  const gateways = new Set([
    ...(routeRows.value ?? []).flatMap((r) => (r.gateway ? [r.gateway] : [])),
    ...(v4Rows.value ?? []).flatMap((r) => (r.gateway ? [r.gateway] : [])),
  ]);

  return {
    platform: "esxi",
    ...identityOf(uname),
    distribution: releases.ok ? releases.value : null,
    interfaces: table.list(),
    neighbors: (neighborRows.value ?? []).map((n) => (gateways.has(n.ip) ? { ...n, router: true } : n)),
    topology: buildTopology({
      vmnics: nicRows.value ?? [],
      vmknics: vmkRows.value ?? [],
      vswitches: switchRows.value ?? [],
      portgroups: portgroupRows.value ?? [],
      addresses,
    }),
    commands: uniqueOutcomes([
      ...nicRows.outcomes,
      ...vmkRows.outcomes,
      ...v4Rows.outcomes,
      ...v6Rows.outcomes,
      ...switchRows.outcomes,
      ...portgroupRows.outcomes,
      ...neighborRows.outcomes,
      ...routeRows.outcomes,
      uname.outcome,
      releases.outcome,
    ]),
  };
}

export const esxiCollector: Collector = {
  platform: "esxi",
  firstRound: [nics, vmknics, v4, v6, switches, portgroups, neighbors, routes, unameStep, release].map((s) => s.command),
  collect,
};
