import { isIPv4 } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { splitLines } from "@/lib/collect/common/lines";
import { prefixFromNetmask } from "@/lib/collect/common/netmask";
import { readTable } from "@/lib/collect/common/table";

/** One row per vmknic; 6.5+ adds a Gateway column (a per-vmknic default gateway). */
export const ESXI_IPV4_COMMAND = "esxcli network ip interface ipv4 get";

export type VmknicAddress = { interface: string; address: string; type: string | null; gateway: string | null };

export function parse(stdout: string): ParseResult<VmknicAddress[]> {
  const table = readTable(splitLines(stdout), ["Name", "IPv4 Address", "IPv4 Netmask"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: VmknicAddress[] = [];
  for (const { line, cells } of table.rows) {
    const name = cells.get("Name") ?? "";
    const ip = cells.get("IPv4 Address") ?? "";
    const prefix = prefixFromNetmask(cells.get("IPv4 Netmask") ?? "");
    if (!/^\S+$/.test(name) || !isIPv4(ip) || prefix === null) {
      skipped.push({ line, reason: "expected Name, IPv4 Address and a netmask" });
      continue;
    }
    // A vmknic without an address (DHCP pending, or unconfigured) shows 0.0.0.0.
    if (ip === "0.0.0.0") continue;
    const gateway = cells.get("Gateway") ?? "";
    value.push({
      interface: name,
      address: `${ip}/${prefix}`,
      type: cells.get("Address Type") || null,
      gateway: isIPv4(gateway) && gateway !== "0.0.0.0" ? gateway : null,
    });
  }
  return { value, skipped };
}
