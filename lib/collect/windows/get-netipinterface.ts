import { z } from "zod";
import type { ParseResult } from "@/lib/domain/rows";
import { parsePowerShellJson, powershell } from "./powershell";

/** Per interface and family: the IP MTU (NlMtu). No real ConvertTo-Json capture exists. */
export const GET_NETIPINTERFACE_COMMAND = powershell(
  "Get-NetIPInterface | Select-Object ifIndex,InterfaceAlias,AddressFamily,NlMtu | ConvertTo-Json",
);

export type IpInterfaceRow = { alias: string; ifIndex: number | null; family: "ipv4" | "ipv6" | null; mtu: number | null };

/** The loopback pseudo-interface reports 4294967295 ("no limit"): not an MTU anything can compare with. */
export const ipMtu = (n: number | null | undefined) => (n != null && n > 0 && n <= 65535 ? n : null);

const row = z.object({
  ifIndex: z.number().int().nullish(),
  InterfaceAlias: z.string().min(1),
  AddressFamily: z.union([z.string(), z.number()]).nullish(),
  NlMtu: z.number().nullish(),
});

const family = (f: string | number | null | undefined) =>
  f === "IPv4" || f === 2 ? ("ipv4" as const) : f === "IPv6" || f === 23 ? ("ipv6" as const) : null;

export function parse(stdout: string): ParseResult<IpInterfaceRow[]> {
  const { items, skipped } = parsePowerShellJson(stdout, row);
  return {
    value: items.map((i) => ({ alias: i.InterfaceAlias, ifIndex: i.ifIndex ?? null, family: family(i.AddressFamily), mtu: ipMtu(i.NlMtu) })),
    skipped,
  };
}
