import { isIPv4 } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { splitLines } from "@/lib/collect/common/lines";
import { readTable } from "@/lib/collect/common/table";

/** IPv4 routes: their gateways mark neighbor rows as routers (Linux gets that from NDP flags). */
export const ESXI_ROUTE_COMMAND = "esxcli network ip route ipv4 list";

export type RouteRow = { network: string; netmask: string; gateway: string | null; vmknic: string; source: string | null };

export function parse(stdout: string): ParseResult<RouteRow[]> {
  const table = readTable(splitLines(stdout), ["Network", "Netmask", "Gateway", "Interface"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: RouteRow[] = [];
  for (const { line, cells } of table.rows) {
    const network = cells.get("Network") ?? "";
    const gateway = cells.get("Gateway") ?? "";
    const vmknic = cells.get("Interface") ?? "";
    if ((network !== "default" && !isIPv4(network)) || !isIPv4(gateway) || !/^\S+$/.test(vmknic)) {
      skipped.push({ line, reason: "expected Network, Netmask, Gateway, Interface" });
      continue;
    }
    value.push({
      network,
      netmask: cells.get("Netmask") ?? "",
      gateway: gateway === "0.0.0.0" ? null : gateway,
      vmknic,
      source: cells.get("Source") || null,
    });
  }
  return { value, skipped };
}
