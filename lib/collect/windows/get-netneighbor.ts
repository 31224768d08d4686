import { isIP } from "node:net";
import { z } from "zod";
import type { NeighborRow, NeighborState, ParseResult } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { neighborRow, stateWord } from "@/lib/collect/common/neighbor";
import { parsePowerShellJson, powershell, windowsMac } from "./powershell";

/**
 * Both families with their NUD state. No real ConvertTo-Json capture is in tests/fixtures:
 * the shape is the one this Select-Object asks for, and the parser is proven on nothing but
 * malformed input. When it fails the collector falls back to netsh and arp -a (real captures).
 */
export const GET_NETNEIGHBOR_COMMAND = powershell(
  "Get-NetNeighbor | Select-Object ifIndex,InterfaceAlias,IPAddress,LinkLayerAddress,State | ConvertTo-Json",
);

// MSFT_NetNeighbor.State as ConvertTo-Json writes it (a number); a string is read too.
const STATE_NUMBERS: NeighborState[] = ["failed", "incomplete", "probe", "delay", "stale", "reachable", "permanent"];

const entry = z.object({
  ifIndex: z.number().int().nullish(),
  InterfaceAlias: z.string().nullish(),
  IPAddress: z.string().refine((ip) => isIP(ip.split("%")[0] ?? "") !== 0, "not an IP address"),
  LinkLayerAddress: z.string().nullish(),
  State: z.union([z.string(), z.number()]).nullish(),
});

export type WindowsNeighborRow = NeighborRow & { ifIndex: number | null };

function stateOf(state: string | number | null | undefined): NeighborState {
  if (typeof state === "number") return STATE_NUMBERS[state] ?? "unknown";
  return state ? stateWord(state) : "unknown";
}

export function parse(stdout: string): ParseResult<WindowsNeighborRow[]> {
  const { items, skipped } = parsePowerShellJson(stdout, entry);
  const value = items.map((item): WindowsNeighborRow => {
    const mac = windowsMac(normalizeMac(item.LinkLayerAddress ?? ""));
    const row = neighborRow(item.IPAddress.split("%")[0] ?? item.IPAddress, mac, item.InterfaceAlias ?? null, stateOf(item.State));
    return { ...row, ifIndex: item.ifIndex ?? null };
  });
  return { value, skipped };
}
