import { isIPv6 } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { splitLines } from "@/lib/collect/common/lines";
import { readTable } from "@/lib/collect/common/table";
import type { VmknicAddress } from "./ipv4-get";

/**
 * IPv6 addresses per vmknic. No real capture of this command exists in tests/fixtures, so
 * this reads the table by its documented column titles only (Interface, Address, Netmask) and
 * is proven on nothing but malformed input; esxcfg-vmknic -l (which has a real capture) lists
 * the same IPv6 addresses and fills in when this fails.
 */
export const ESXI_IPV6_COMMAND = "esxcli network ip interface ipv6 address list";

export function parse(stdout: string): ParseResult<VmknicAddress[]> {
  const table = readTable(splitLines(stdout), ["Interface", "Address", "Netmask"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: VmknicAddress[] = [];
  for (const { line, cells } of table.rows) {
    const name = cells.get("Interface") ?? "";
    const ip = cells.get("Address") ?? "";
    const prefix = cells.get("Netmask") ?? "";
    if (!/^\S+$/.test(name) || !isIPv6(ip) || !/^\d{1,3}$/.test(prefix)) {
      skipped.push({ line, reason: "expected Interface, an IPv6 Address and a prefix length" });
      continue;
    }
    value.push({ interface: name, address: `${ip}/${prefix}`, type: cells.get("Type") || null, gateway: null });
  }
  return { value, skipped };
}
