import { isIP } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { positiveInt } from "@/lib/collect/common/interface";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { prefixFromNetmask } from "@/lib/collect/common/netmask";
import { withoutZone } from "@/lib/collect/common/neighbor";
import { cellsOf, columnsFromKnownTitles } from "@/lib/collect/common/table";

/**
 * One row per vmknic and address family: MTU, MAC, portgroup and both families' addresses in
 * one command. Multi-word titles and values ("Port Group/DVPort/Opaque Network",
 * "STATIC, PREFERRED"); IPv6 rows leave Broadcast empty and put the prefix length in Netmask.
 */
export const ESXCFG_VMKNIC_COMMAND = "esxcfg-vmknic -l";

export type EsxcfgVmknicRow = {
  name: string;
  portgroup: string | null;
  family: "ipv4" | "ipv6" | null;
  /** "172.26.64.10/26" */
  address: string | null;
  mac: string | null;
  mtu: number | null;
  enabled: boolean | null;
  netstack: string | null;
};

const TITLES = [
  "Interface",
  "Port Group/DVPort/Opaque Network",
  "Port Group/DVPort",
  "Port Group",
  "IP Family",
  "IP Address",
  "Netmask",
  "Broadcast",
  "MAC Address",
  "MTU",
  "TSO MSS",
  "Enabled",
  "Type",
  "NetStack",
];

function addressOf(family: string, ip: string, mask: string): string | null {
  const address = withoutZone(ip);
  if (isIP(address) === 0) return null;
  const prefix = /^ipv6$/i.test(family) ? (/^\d{1,3}$/.test(mask) ? Number(mask) : null) : prefixFromNetmask(mask);
  return prefix === null ? null : `${address}/${prefix}`;
}

export function parse(stdout: string): ParseResult<EsxcfgVmknicRow[]> {
  const lines = nonBlank(splitLines(stdout));
  const skipped: SkippedLine[] = [];
  const value: EsxcfgVmknicRow[] = [];
  let columns = null as ReturnType<typeof columnsFromKnownTitles>;
  for (const line of lines) {
    if (columns === null) {
      columns = columnsFromKnownTitles(line, TITLES, ["Interface", "IP Address", "MAC Address", "MTU"]);
      if (columns === null) skipped.push({ line, reason: "before the table header" });
      continue;
    }
    const cells = cellsOf(line, columns);
    const name = cells.get("Interface") ?? "";
    const family = cells.get("IP Family") ?? "";
    const mac = normalizeMac(cells.get("MAC Address") ?? "");
    if (!/^\S+$/.test(name) || mac === null) {
      skipped.push({ line, reason: "expected Interface ... MAC Address MTU" });
      continue;
    }
    const portgroup = cells.get("Port Group/DVPort/Opaque Network") ?? cells.get("Port Group/DVPort") ?? cells.get("Port Group");
    const enabled = cells.get("Enabled");
    value.push({
      name,
      portgroup: portgroup || null,
      family: /^ipv4$/i.test(family) ? "ipv4" : /^ipv6$/i.test(family) ? "ipv6" : null,
      address: addressOf(family, cells.get("IP Address") ?? "", cells.get("Netmask") ?? ""),
      mac,
      mtu: positiveInt(cells.get("MTU")),
      enabled: enabled === "true" ? true : enabled === "false" ? false : null,
      netstack: cells.get("NetStack") || null,
    });
  }
  return { value, skipped };
}
