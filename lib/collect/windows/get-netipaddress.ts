import { isIP } from "node:net";
import { z } from "zod";
import type { ParseResult } from "@/lib/domain/rows";
import { withoutZone } from "@/lib/collect/common/neighbor";
import { parsePowerShellJson, powershell } from "./powershell";

/** Unicast addresses with their prefix length. No real ConvertTo-Json capture exists. */
export const GET_NETIPADDRESS_COMMAND = powershell(
  "Get-NetIPAddress | Select-Object ifIndex,InterfaceAlias,IPAddress,PrefixLength | ConvertTo-Json",
);

export type IpAddressRow = { alias: string; ifIndex: number | null; address: string };

const row = z.object({
  ifIndex: z.number().int().nullish(),
  InterfaceAlias: z.string().min(1),
  IPAddress: z.string().refine((ip) => isIP(withoutZone(ip)) !== 0, "not an IP address"),
  PrefixLength: z.number().int().min(0).max(128),
});

export function parse(stdout: string): ParseResult<IpAddressRow[]> {
  const { items, skipped } = parsePowerShellJson(stdout, row);
  return {
    value: items.map((a) => ({ alias: a.InterfaceAlias, ifIndex: a.ifIndex ?? null, address: `${withoutZone(a.IPAddress)}/${a.PrefixLength}` })),
    skipped,
  };
}
