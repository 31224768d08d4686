import type { Collector } from "@/lib/collect/collector";
import type { Exec, Snapshot } from "@/lib/domain/snapshot";
import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";
import { InterfaceTable } from "@/lib/collect/common/interface";
import { known } from "@/lib/collect/common/lookup";
import { withoutOwnAddresses } from "@/lib/collect/common/own-addresses";
import { firstCause, runFirst } from "@/lib/collect/common/run-step";
import { identityOf, isNull, listStep, mapStep, unameStep } from "@/lib/collect/common/steps";
import { runStep, type Step } from "@/lib/collect/common/run-step";
import * as ifconfig from "@/lib/collect/bsd/ifconfig";
import * as netstat from "@/lib/collect/bsd/netstat-i";
import type { NetstatRow } from "@/lib/collect/bsd/netstat-i";
import * as arp from "./arp";
import * as dladm from "./dladm";
import * as distribution from "./distribution";
import * as ipadm from "./ipadm";
import type { AddressRow } from "./ipadm";

/** Solaris/illumos netstat: one row per interface with packets and errors (no byte counters). */
export const ILLUMOS_NETSTAT_COMMAND = "netstat -i";

const links = listStep(dladm.SHOW_LINK_COMMAND, dladm.parseShowLink);
const physMacs = listStep(dladm.SHOW_PHYS_M_COMMAND, dladm.parseShowPhysM);
const vnics = listStep(dladm.SHOW_VNIC_COMMAND, dladm.parseShowVnic);
const ether = listStep(dladm.SHOW_ETHER_COMMAND, dladm.parseShowEther);
const addresses = listStep(ipadm.IPADM_COMMAND, ipadm.parse);
// Solaris 10 has no ipadm; ifconfig -a lists the same addresses (and MACs of plumbed links).
const ifconfigStep = listStep(ifconfig.IFCONFIG_COMMAND, ifconfig.parse);
const addressesFromIfconfig = mapStep(
  ifconfigStep,
  (rows) => rows.flatMap((row) => row.addresses.map((address): AddressRow => ({ interface: row.name, address, type: null, state: null }))),
  (rows) => rows.length === 0,
);
const counters = listStep(ILLUMOS_NETSTAT_COMMAND, netstat.parse);
const neighbors = listStep(arp.ILLUMOS_ARP_COMMAND, arp.parse);
const release: Step<string | null> = { command: distribution.ILLUMOS_DISTRIBUTION_COMMAND, parse: distribution.parse, isEmpty: isNull };

export const ILLUMOS_COMMANDS = [links, physMacs, vnics, ether, addresses, ifconfigStep, counters, neighbors, unameStep, release].map(
  (step) => step.command,
);

const KINDS: Record<string, string> = { phys: "ether", vnic: "vnic", aggr: "bond", etherstub: "bridge", bridge: "bridge", vlan: "vlan", iptun: "tun", simnet: "ether" };

async function collect(exec: Exec): Promise<Snapshot> {
  const [linkRows, macRows, vnicRows, etherRows, addressRows, counterRows, neighborRows, uname, distro] = await Promise.all([
    runFirst(exec, [links]),
    runFirst(exec, [physMacs]),
    runFirst(exec, [vnics]),
    runFirst(exec, [ether]),
    runFirst<AddressRow[]>(exec, [addresses, addressesFromIfconfig]),
    runFirst<NetstatRow[]>(exec, [counters]),
    runFirst<NeighborRow[]>(exec, [neighbors]),
    runStep(exec, unameStep),
    runStep(exec, release),
  ]);
  if (linkRows.value === null && addressRows.value === null && neighborRows.value === null) {
    throw firstCause(linkRows, addressRows, neighborRows);
  }

  const table = new InterfaceTable();
  for (const link of linkRows.value ?? []) {
    Object.assign(table.get(link.link), { kind: link.class ? (known(KINDS, link.class) ?? link.class) : null, mtu: link.mtu, state: link.state } satisfies Partial<InterfaceRow>);
  }
  for (const phys of macRows.value ?? []) table.get(phys.link).mac = phys.mac;
  for (const vnic of vnicRows.value ?? []) Object.assign(table.get(vnic.link), { kind: "vnic", mac: vnic.mac, speedMbps: vnic.speedMbps });
  for (const eth of etherRows.value ?? []) {
    const row = table.get(eth.link);
    Object.assign(row, { speedMbps: eth.speedMbps, duplex: eth.duplex });
    if (row.state === "unknown") row.state = eth.state;
  }
  for (const address of addressRows.value ?? []) table.addAddress(address.interface, address.address);
  for (const counter of counterRows.value ?? []) {
    const row = table.get(counter.name);
    row.mtu ??= counter.mtu;
    if (counter.name === "lo0") row.kind ??= "loopback";
    Object.assign(row, netstat.countersOf(counter));
  }
  const rows = table.list().map((row) => (row.name.startsWith("lo") && row.kind === null ? { ...row, kind: "loopback" } : row));
  return {
    platform: "illumos",
    ...identityOf(uname),
    distribution: distro.ok ? distro.value : null,
    interfaces: rows,
    neighbors: withoutOwnAddresses(neighborRows.value ?? [], rows),
    commands: [
      ...linkRows.outcomes,
      ...macRows.outcomes,
      ...vnicRows.outcomes,
      ...etherRows.outcomes,
      ...addressRows.outcomes,
      ...counterRows.outcomes,
      ...neighborRows.outcomes,
      uname.outcome,
      distro.outcome,
    ],
  };
}

export const illumosCollector: Collector = {
  platform: "illumos",
  firstRound: [links, physMacs, vnics, ether, addresses, counters, neighbors, unameStep, release].map((s) => s.command),
  collect,
};
