import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";

/**
 * BSD, macOS and illumos list the host's own addresses in their ARP tables (as "permanent" or
 * with the L/P flags); Linux's neighbor table never does, and a neighbor row is about another
 * host. Those rows are dropped so every platform's table means the same.
 */
export function withoutOwnAddresses(neighbors: NeighborRow[], interfaces: InterfaceRow[]): NeighborRow[] {
  const own = new Set(interfaces.flatMap((i) => i.addresses.map((a) => a.split("/")[0] ?? a)));
  return neighbors.filter((n) => !own.has(n.ip));
}
