import type { Collector } from "@/lib/collect/collector";
import type { Exec, Snapshot } from "@/lib/domain/snapshot";
import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";
import * as hostname from "./hostname";
import * as ipAddr from "./ip-addr";
import type { AddressMap } from "./ip-addr";
import * as ipAddrText from "./ip-addr-text";
import * as ipLink from "./ip-link";
import type { LinkRow } from "./ip-link";
import * as ipLinkText from "./ip-link-text";
import * as ipNeigh from "./ip-neigh";
import * as ipNeighText from "./ip-neigh-text";
import * as linkSpeed from "./link-speed";
import type { LinkSpeed } from "./link-speed";
import * as uname from "./uname";
import { firstCause, runFirst, runStep, type Step } from "@/lib/collect/common/run-step";

const isEmptyList = (value: readonly unknown[]) => value.length === 0;
const isEmptyMap = (value: ReadonlyMap<string, unknown>) => value.size === 0;
const isNull = (value: unknown) => value === null;

const link: Step<LinkRow[]> = { command: ipLink.IP_LINK_COMMAND, parse: ipLink.parse, isEmpty: isEmptyList };
const linkText: Step<LinkRow[]> = {
  command: ipLinkText.IP_LINK_TEXT_COMMAND,
  parse: ipLinkText.parse,
  isEmpty: isEmptyList,
};
const addr: Step<AddressMap> = { command: ipAddr.IP_ADDR_COMMAND, parse: ipAddr.parse, isEmpty: isEmptyMap };
const addrText: Step<AddressMap> = {
  command: ipAddrText.IP_ADDR_TEXT_COMMAND,
  parse: ipAddrText.parse,
  isEmpty: isEmptyMap,
};
const neigh: Step<NeighborRow[]> = {
  command: ipNeigh.IP_NEIGH_COMMAND,
  parse: ipNeigh.parse,
  isEmpty: isEmptyList,
};
const neighText: Step<NeighborRow[]> = {
  command: ipNeighText.IP_NEIGH_TEXT_COMMAND,
  parse: ipNeighText.parse,
  isEmpty: isEmptyList,
};
const speed: Step<Map<string, LinkSpeed>> = {
  command: linkSpeed.LINK_SPEED_COMMAND,
  parse: linkSpeed.parse,
  isEmpty: isEmptyMap,
};
const host: Step<string | null> = {
  command: hostname.HOSTNAME_COMMAND,
  parse: hostname.parse,
  isEmpty: isNull,
};
const kernel: Step<string | null> = { command: uname.UNAME_COMMAND, parse: uname.parse, isEmpty: isNull };

/** Every command the collector may run, JSON forms before their text fallbacks. */
export const LINUX_COMMANDS = [link, linkText, addr, addrText, neigh, neighText, speed, host, kernel].map(
  (step) => step.command,
);

/** Listed field by field: ifindex and master have no place in InterfaceRow (or its table) yet. */
function toInterface(row: LinkRow, addresses: string[], settings: LinkSpeed | undefined): InterfaceRow {
  return {
    name: row.name,
    kind: row.kind,
    mac: row.mac,
    permanentMac: row.permanentMac,
    mtu: row.mtu,
    state: row.state,
    speedMbps: settings?.speedMbps ?? null,
    duplex: settings?.duplex ?? null,
    driver: settings?.driver ?? null,
    linkModes: settings?.linkModes ?? null,
    addresses,
    rxBytes: row.rxBytes,
    txBytes: row.txBytes,
    rxPackets: row.rxPackets,
    txPackets: row.txPackets,
    rxErrors: row.rxErrors,
    txErrors: row.txErrors,
    rxDropped: row.rxDropped,
    txDropped: row.txDropped,
  };
}

async function collect(exec: Exec): Promise<Snapshot> {
  // Each is one exec channel on the same SSH connection; sshd allows 10 by default.
  const [links, addrs, neighbors, speeds, names, kernels] = await Promise.all([
    runFirst(exec, [link, linkText]),
    runFirst(exec, [addr, addrText]),
    runFirst(exec, [neigh, neighText]),
    runStep(exec, speed),
    runStep(exec, host),
    runStep(exec, kernel),
  ]);
  // Both core chains failed: a typed exec error (lib/ssh) wins, else the link fallback's failure.
  if (links.value === null && neighbors.value === null) throw firstCause(neighbors, links);

  const interfaces = (links.value ?? []).map((row) =>
    toInterface(row, addrs.value?.get(row.name) ?? [], speeds.ok ? speeds.value.get(row.name) : undefined),
  );
  return {
    platform: "linux",
    hostname: names.ok ? names.value : null,
    kernel: kernels.ok ? kernels.value : null,
    interfaces,
    neighbors: neighbors.value ?? [],
    commands: [
      ...links.outcomes,
      ...addrs.outcomes,
      ...neighbors.outcomes,
      speeds.outcome,
      names.outcome,
      kernels.outcome,
    ],
  };
}

export const linuxCollector: Collector = {
  platform: "linux",
  firstRound: [link, addr, neigh, speed, host, kernel].map((s) => s.command),
  collect,
};
