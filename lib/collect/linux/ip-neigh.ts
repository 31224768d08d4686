import { isIP } from "node:net";
import { z } from "zod";
import type { NeighborRow, ParseResult } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { parseJsonArray } from "./json";
import { neighborState } from "./neighbor-state";

/**
 * Both families: without -4/-6, iproute2 lists ARP and NDP entries together. `ip neigh` gained
 * JSON later than `ip link` (iproute2 commit aac7f725, 2018); where it lacks it, the output
 * does not parse and the collector falls back to the text form.
 */
export const IP_NEIGH_COMMAND = "ip -j neigh show";

const neighbor = z.object({
  dst: z.string().refine((dst) => isIP(dst) !== 0, "not an IP address"),
  // Absent when the output was filtered by device.
  dev: z.string().optional(),
  // Absent on FAILED and INCOMPLETE entries.
  lladdr: z.string().optional(),
  // iproute2 prints flags as keys with a null value: "router": null.
  router: z.union([z.null(), z.boolean()]).optional(),
  // An array: NUD states are kernel bit flags.
  state: z.array(z.string()).optional(),
});

export function parse(stdout: string): ParseResult<NeighborRow[]> {
  const { items, skipped } = parseJsonArray(stdout, neighbor);
  const value = items.map(
    (item): NeighborRow => ({
      ip: item.dst,
      mac: item.lladdr === undefined ? null : normalizeMac(item.lladdr),
      interface: item.dev ?? null,
      state: neighborState(item.state ?? []),
      router: item.router === null || item.router === true,
    }),
  );
  return { value, skipped };
}
