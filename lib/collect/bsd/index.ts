import type { Collector } from "@/lib/collect/collector";
import type { Exec, Snapshot } from "@/lib/domain/snapshot";
import type { Platform } from "@/lib/domain/platform";
import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";
import { InterfaceTable } from "@/lib/collect/common/interface";
import { withoutOwnAddresses } from "@/lib/collect/common/own-addresses";
import { firstCause, runFirst } from "@/lib/collect/common/run-step";
import { identityOf, isNull, listStep, unameStep } from "@/lib/collect/common/steps";
import { runStep, type Step } from "@/lib/collect/common/run-step";
import * as arp from "./arp";
import * as distribution from "./distribution";
import * as ifconfig from "./ifconfig";
import * as ndp from "./ndp";
import * as netstat from "./netstat-i";
import type { NetstatRow } from "./netstat-i";

type BsdPlatform = Extract<Platform, "freebsd" | "darwin">;

/**
 * netstat flags per OS: FreeBSD `-ibdn` (bytes, drops, numeric). macOS runs the form chef/ohai
 * runs there (`-i -d -l -b -n`; -l only widens IPv6 addresses), which a real capture proves.
 * Plain `netstat -i` (packets and errors, no bytes) is the fallback on both.
 */
const NETSTAT: Record<BsdPlatform, string[]> = {
  freebsd: [netstat.NETSTAT_COMMAND, "netstat -i"],
  darwin: ["netstat -i -d -l -b -n", "netstat -i"],
};

const DISTRIBUTION: Record<BsdPlatform, string> = {
  freebsd: distribution.FREEBSD_DISTRIBUTION_COMMAND,
  darwin: distribution.DARWIN_DISTRIBUTION_COMMAND,
};

const interfaces = listStep(ifconfig.IFCONFIG_COMMAND, ifconfig.parse);
const arpTable = listStep(arp.ARP_COMMAND, arp.parse);
const ndpTable = listStep(ndp.NDP_COMMAND, ndp.parse);
const netstatSteps = (platform: BsdPlatform) => NETSTAT[platform].map((command) => listStep(command, netstat.parse));
const distributionStep = (platform: BsdPlatform): Step<string | null> => ({
  command: DISTRIBUTION[platform],
  parse: distribution.parse,
  isEmpty: isNull,
});

export function bsdCommands(platform: BsdPlatform): string[] {
  return [interfaces.command, ...NETSTAT[platform], arpTable.command, ndpTable.command, unameStep.command, DISTRIBUTION[platform]];
}

/**
 * Counters onto ifconfig's rows. macOS cuts netstat names to 5 characters ("bridg", and two
 * "vmnet" rows for vmnet1 and vmnet8): a cut name goes to the one unclaimed interface it
 * starts, preferring the one with the same MAC.
 */
function mergeCounters(table: InterfaceTable, rows: NetstatRow[]): void {
  const names = table.list().map((row) => row.name);
  const claimed = new Set<string>();
  for (const row of rows) {
    let target: string | undefined = names.includes(row.name) && !claimed.has(row.name) ? row.name : undefined;
    if (target === undefined) {
      const candidates = names.filter((n) => !claimed.has(n) && n.length > row.name.length && n.startsWith(row.name));
      const sameMac = candidates.filter((n) => row.mac !== null && table.get(n).mac === row.mac);
      target = sameMac[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
    }
    if (target === undefined) {
      if (names.includes(row.name) || claimed.has(row.name)) continue;
      target = row.name;
    }
    claimed.add(target);
    const iface = table.get(target);
    iface.mtu ??= row.mtu;
    iface.mac ??= row.mac;
    if (iface.state === "unknown" && row.down) iface.state = "down";
    Object.assign(iface, netstat.countersOf(row));
  }
}

function collectorFor(platform: BsdPlatform): Collector {
  async function collect(exec: Exec): Promise<Snapshot> {
    const [links, counters, v4, v6, uname, distro] = await Promise.all([
      runFirst<InterfaceRow[]>(exec, [interfaces]),
      runFirst<NetstatRow[]>(exec, netstatSteps(platform)),
      runFirst<NeighborRow[]>(exec, [arpTable]),
      runFirst<NeighborRow[]>(exec, [ndpTable]),
      runStep(exec, unameStep),
      runStep(exec, distributionStep(platform)),
    ]);
    if (links.value === null && counters.value === null && v4.value === null) throw firstCause(links, counters, v4);

    const table = new InterfaceTable();
    for (const row of links.value ?? []) Object.assign(table.get(row.name), row);
    mergeCounters(table, counters.value ?? []);
    const rows = table.list();
    return {
      platform,
      ...identityOf(uname),
      distribution: distro.ok ? distro.value : null,
      interfaces: rows,
      neighbors: withoutOwnAddresses([...(v4.value ?? []), ...(v6.value ?? [])], rows),
      commands: [...links.outcomes, ...counters.outcomes, ...v4.outcomes, ...v6.outcomes, uname.outcome, distro.outcome],
    };
  }
  const firstRound = [interfaces, netstatSteps(platform)[0], arpTable, ndpTable, unameStep, distributionStep(platform)].flatMap((s) => (s ? [s.command] : []));
  return { platform, firstRound, collect };
}

export const freebsdCollector = collectorFor("freebsd");
export const darwinCollector = collectorFor("darwin");
