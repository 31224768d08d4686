// The command table of `npm run parse` (scripts/parse.ts): which pure parser reads the output
// of which command, per platform. The collectors' own command constants are used, so what is
// listed here is what netdiag runs; `match` accepts the other spellings captures were taken
// with (`dladm` = `dladm show-link`, `netsh int ipv4 show neigh`, a bare PowerShell cmdlet).
// To add a parser: one entry in the platform's list (or in ANY_PLATFORM when the command and
// its output are the same everywhere, like ping and iperf3).
import type { Platform } from "@/lib/domain/platform";
import type { SkippedLine } from "@/lib/domain/rows";
import * as detect from "@/lib/collect/detect";
import * as linuxHostname from "@/lib/collect/linux/hostname";
import * as ipAddr from "@/lib/collect/linux/ip-addr";
import * as ipAddrText from "@/lib/collect/linux/ip-addr-text";
import * as ipLink from "@/lib/collect/linux/ip-link";
import * as ipLinkText from "@/lib/collect/linux/ip-link-text";
import * as ipNeigh from "@/lib/collect/linux/ip-neigh";
import * as ipNeighText from "@/lib/collect/linux/ip-neigh-text";
import * as linkSpeed from "@/lib/collect/linux/link-speed";
import * as uname from "@/lib/collect/linux/uname";
import * as unameA from "@/lib/collect/linux/uname-a";
import * as esxcfgNics from "@/lib/collect/esxi/esxcfg-nics";
import * as esxcfgVmknic from "@/lib/collect/esxi/esxcfg-vmknic";
import * as esxcfgVswitch from "@/lib/collect/esxi/esxcfg-vswitch";
import * as vmknicList from "@/lib/collect/esxi/ip-interface-list";
import * as esxiIpv4 from "@/lib/collect/esxi/ipv4-get";
import * as esxiIpv6 from "@/lib/collect/esxi/ipv6-address-list";
import * as esxiNeighbors from "@/lib/collect/esxi/neighbor-list";
import * as nicList from "@/lib/collect/esxi/nic-list";
import * as portgroupList from "@/lib/collect/esxi/portgroup-list";
import * as routeList from "@/lib/collect/esxi/route-list";
import * as vmwareVersion from "@/lib/collect/esxi/version";
import * as vswitchList from "@/lib/collect/esxi/vswitch-list";
import * as bsdArp from "@/lib/collect/bsd/arp";
import * as bsdDistribution from "@/lib/collect/bsd/distribution";
import * as ifconfig from "@/lib/collect/bsd/ifconfig";
import * as ndp from "@/lib/collect/bsd/ndp";
import * as netstat from "@/lib/collect/bsd/netstat-i";
import * as illumosArp from "@/lib/collect/illumos/arp";
import * as illumosDistribution from "@/lib/collect/illumos/distribution";
import * as dladm from "@/lib/collect/illumos/dladm";
import * as ipadm from "@/lib/collect/illumos/ipadm";
import * as arpA from "@/lib/collect/windows/arp-a";
import * as netAdapter from "@/lib/collect/windows/get-netadapter";
import * as netAdapterStats from "@/lib/collect/windows/get-netadapterstatistics";
import * as netIpAddress from "@/lib/collect/windows/get-netipaddress";
import * as netIpAddressList from "@/lib/collect/windows/get-netipaddress-list";
import * as netIpInterface from "@/lib/collect/windows/get-netipinterface";
import * as netNeighbor from "@/lib/collect/windows/get-netneighbor";
import * as netsh from "@/lib/collect/windows/netsh-neighbors";
import * as subinterfaces from "@/lib/collect/windows/netsh-subinterfaces";
import * as tables from "@/lib/collect/windows/text-tables";
import * as ver from "@/lib/collect/windows/ver";
import { WINDOWS_HOSTNAME_COMMAND } from "@/lib/collect/windows";
import { parseDfPing } from "@/lib/mtu/ping";
import { parseIperfJson } from "@/lib/iperf/parse";

export type Parsed = { value: unknown; skipped: SkippedLine[]; /** true when the output held nothing the parser could read */ empty?: boolean };
export type CliParser = {
  /** As netdiag runs it (listed by `npm run parse`). */
  command: string;
  /** Other spellings of the same command (whitespace already collapsed). */
  match?: RegExp;
  parse: (stdout: string) => Parsed;
};

const firstLineOf = (text: string) => text.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";

const p = (command: string, parse: CliParser["parse"], match?: RegExp): CliParser => ({ command, parse, ...(match ? { match } : {}) });

// Detection's `uname -a` on every Unix: the platform it tells, and the hostname and kernel the
// non-Linux collectors take from it.
const unameAll = (stdout: string): Parsed => {
  const platform = detect.parseUname(stdout);
  const unknown = platform ? [] : [{ line: firstLineOf(stdout), reason: "not a kernel name netdiag knows" }];
  // `uname -s` (what detection ran before) prints the kernel name alone: there is no more to read.
  if (/^\S+$/.test(firstLineOf(stdout))) return { value: { platform, hostname: null, kernel: null }, skipped: unknown, empty: platform === null };
  const { value, skipped } = unameA.parse(stdout);
  return { value: { platform, hostname: value?.hostname ?? null, kernel: value?.kernel ?? null }, skipped: [...unknown, ...skipped], empty: platform === null && value === null };
};

const UNIX_COMMON = [p(detect.DETECT_COMMANDS[0], unameAll, /^uname -s$/)];

export const PLATFORM_PARSERS: Record<Platform, CliParser[]> = {
  linux: [
    p(ipLink.IP_LINK_COMMAND, ipLink.parse),
    p(ipLinkText.IP_LINK_TEXT_COMMAND, ipLinkText.parse),
    p(ipAddr.IP_ADDR_COMMAND, ipAddr.parse),
    p(ipAddrText.IP_ADDR_TEXT_COMMAND, ipAddrText.parse),
    p(ipNeigh.IP_NEIGH_COMMAND, ipNeigh.parse),
    p(ipNeighText.IP_NEIGH_TEXT_COMMAND, ipNeighText.parse),
    p(linkSpeed.LINK_SPEED_COMMAND, linkSpeed.parse),
    p(linuxHostname.HOSTNAME_COMMAND, linuxHostname.parse),
    p(uname.UNAME_COMMAND, uname.parse),
    ...UNIX_COMMON,
  ],
  esxi: [
    p(esxiNeighbors.ESXI_NEIGHBOR_COMMAND, esxiNeighbors.parse),
    p(nicList.ESXI_NIC_LIST_COMMAND, nicList.parse),
    p(esxcfgNics.ESXCFG_NICS_COMMAND, esxcfgNics.parse),
    p(vmknicList.ESXI_VMKNIC_LIST_COMMAND, vmknicList.parse),
    p(esxiIpv4.ESXI_IPV4_COMMAND, esxiIpv4.parse),
    p(esxiIpv6.ESXI_IPV6_COMMAND, esxiIpv6.parse),
    p(esxcfgVmknic.ESXCFG_VMKNIC_COMMAND, esxcfgVmknic.parse),
    p(vswitchList.ESXI_VSWITCH_COMMAND, vswitchList.parse),
    p(portgroupList.ESXI_PORTGROUP_COMMAND, portgroupList.parse),
    p(esxcfgVswitch.ESXCFG_VSWITCH_COMMAND, esxcfgVswitch.parse),
    p(routeList.ESXI_ROUTE_COMMAND, routeList.parse),
    p(vmwareVersion.VMWARE_VERSION_COMMAND, vmwareVersion.parse),
    ...UNIX_COMMON,
  ],
  freebsd: [
    p(bsdArp.ARP_COMMAND, bsdArp.parse, /^arp -a$/),
    p(ndp.NDP_COMMAND, ndp.parse),
    p(ifconfig.IFCONFIG_COMMAND, ifconfig.parse, /^ifconfig$/),
    p(netstat.NETSTAT_COMMAND, netstat.parse, /^netstat -i[bdnW]*$/),
    p(bsdDistribution.FREEBSD_DISTRIBUTION_COMMAND, bsdDistribution.parse),
    ...UNIX_COMMON,
  ],
  darwin: [
    p(bsdArp.ARP_COMMAND, bsdArp.parse, /^arp -a$/),
    p(ndp.NDP_COMMAND, ndp.parse),
    p(ifconfig.IFCONFIG_COMMAND, ifconfig.parse, /^ifconfig$/),
    p("netstat -i -d -l -b -n", netstat.parse, /^netstat( -[ibdln]+)+$/),
    p(bsdDistribution.DARWIN_DISTRIBUTION_COMMAND, bsdDistribution.parse),
    ...UNIX_COMMON,
  ],
  illumos: [
    p(illumosArp.ILLUMOS_ARP_COMMAND, illumosArp.parse),
    p(dladm.SHOW_LINK_COMMAND, dladm.parseShowLink, /^dladm$/),
    p(dladm.SHOW_PHYS_M_COMMAND, dladm.parseShowPhysM),
    p(dladm.SHOW_VNIC_COMMAND, dladm.parseShowVnic),
    p(dladm.SHOW_ETHER_COMMAND, dladm.parseShowEther),
    // not run by the collector (lib/collect/illumos/dladm.ts says why); also for one link
    p(dladm.SHOW_LINKPROP_MTU_COMMAND, dladm.parseShowLinkpropMtu, /^dladm show-linkprop -p mtu \S+$/),
    p(ipadm.IPADM_COMMAND, ipadm.parse),
    p("netstat -i", netstat.parse, /^netstat -in?$/),
    p(ifconfig.IFCONFIG_COMMAND, ifconfig.parse),
    p(illumosDistribution.ILLUMOS_DISTRIBUTION_COMMAND, illumosDistribution.parse),
    ...UNIX_COMMON,
  ],
  windows: [
    p(netNeighbor.GET_NETNEIGHBOR_COMMAND, netNeighbor.parse, /^Get-NetNeighbor\b.*\| ConvertTo-Json$/),
    p(tables.GET_NETNEIGHBOR_TEXT_COMMAND, tables.parseNetNeighborTable, /^Get-NetNeighbor( -[^|]*)?$/),
    p(netAdapter.GET_NETADAPTER_COMMAND, netAdapter.parse, /^Get-NetAdapter\b.*\| ConvertTo-Json$/),
    p(tables.GET_NETADAPTER_TEXT_COMMAND, tables.parseNetAdapterTable, /^Get-NetAdapter$/),
    p(netIpInterface.GET_NETIPINTERFACE_COMMAND, netIpInterface.parse, /^Get-NetIPInterface\b.*\| ConvertTo-Json$/),
    p(tables.GET_NETIPINTERFACE_TEXT_COMMAND, tables.parseNetIPInterfaceTable, /^Get-NetIPInterface( -[^|]*)?$/),
    p(netIpAddress.GET_NETIPADDRESS_COMMAND, netIpAddress.parse, /^Get-NetIPAddress\b.*\| ConvertTo-Json$/),
    p(netIpAddressList.GET_NETIPADDRESS_TEXT_COMMAND, netIpAddressList.parse, /^Get-NetIPAddress( -[^|]*)?$/),
    p(netAdapterStats.GET_NETADAPTERSTATISTICS_COMMAND, netAdapterStats.parse, /^Get-NetAdapterStatistics\b.*\| ConvertTo-Json$/),
    // also at the end of a pipeline selecting adapters (Get-NetAdapter | Where-Object … | Get-NetAdapterStatistics)
    p(tables.GET_NETADAPTERSTATISTICS_TEXT_COMMAND, tables.parseNetAdapterStatisticsTable, /^(?:[^|]+\| )*Get-NetAdapterStatistics( -[^|]*)?$/),
    p(arpA.ARP_A_COMMAND, arpA.parse),
    p(netsh.NETSH_IPV4_NEIGHBORS_COMMAND, netsh.parse, /^netsh (?:int|interface) ipv4 show (?:neigh|neighbors)$/),
    p(netsh.NETSH_IPV6_NEIGHBORS_COMMAND, netsh.parse, /^netsh (?:int|interface) ipv6 show (?:neigh|neighbors)$/),
    p(subinterfaces.NETSH_SUBINTERFACES_COMMAND, subinterfaces.parse, /^netsh (?:int|interface) ipv4 show (?:subint|subinterfaces)$/),
    p(ver.VER_COMMAND, ver.parse, /^ver$/),
    p(WINDOWS_HOSTNAME_COMMAND, (stdout) => linuxHostname.parse(stdout)),
  ],
};

/** Commands whose output is the same on every platform. */
export const ANY_PLATFORM: CliParser[] = [
  p("ping … (don't-fragment: ping -M do / -D / -f -l, vmkping -d)", (stdout) => {
    const value = parseDfPing(stdout);
    return { value, skipped: value ? [] : [{ line: firstLineOf(stdout), reason: "not ping output" }], empty: value === null };
  }, /^(?:LC_ALL=C )?(?:ping|vmkping)(?: .*)?$/),
  p("iperf3 … -J (or --json-stream)", (stdout) => {
    const { skipped, ...value } = parseIperfJson(stdout);
    return { value, skipped, empty: value.format === "none" };
  }, /^iperf3 .*(?:-J|--json|--json-stream)\b.*$/),
];

export const normalizeCommand = (command: string) => command.trim().replace(/\s+/g, " ");

/** The parser for a command as run on a host of `platform`, or null. */
export function findParser(platform: Platform, command: string): CliParser | null {
  const wanted = normalizeCommand(command);
  // A PowerShell command line may be given whole or as the script inside -Command "…".
  const inner = /^powershell(?:\.exe)? (?:-\w+ )*-Command "(?:\[Console\]::OutputEncoding=\[Text\.Encoding\]::UTF8; )?(.*)"$/i.exec(wanted)?.[1];
  const candidates = [wanted, ...(inner ? [inner] : [])];
  for (const entry of [...PLATFORM_PARSERS[platform], ...ANY_PLATFORM]) {
    if (candidates.some((c) => c === normalizeCommand(entry.command) || entry.match?.test(c))) return entry;
  }
  return null;
}
