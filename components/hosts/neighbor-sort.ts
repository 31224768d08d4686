import type { NeighborView } from "@/lib/domain/views";

export type NeighborSortKey = "ip" | "mac" | "interface" | "state" | "router";
export type SortDirection = "asc" | "desc";

/** IPv4 before IPv6; IPv4 by numeric value so 10.0.0.9 sorts before 10.0.0.10. */
function ipKey(ip: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return `4:${v4.slice(1).map((o) => o.padStart(3, "0")).join(".")}`;
  return `6:${ip.toLowerCase()}`;
}

function key(n: NeighborView, by: NeighborSortKey): string {
  switch (by) {
    case "ip":
      return ipKey(n.ip);
    case "mac":
      return n.mac ?? "\uffff";
    case "interface":
      return n.interface ?? "\uffff";
    case "state":
      return n.state;
    case "router":
      return n.router ? "0" : "1";
  }
}

/** Stable sort; ties fall back to IP order so the table never shuffles between renders. */
export function sortNeighbors(rows: NeighborView[], by: NeighborSortKey, dir: SortDirection): NeighborView[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((n) => ({ n, k: key(n, by), ip: ipKey(n.ip) }))
    .sort((a, b) => (a.k < b.k ? -sign : a.k > b.k ? sign : a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
    .map((x) => x.n);
}

export type NeighborFilter = { iface: string; state: string };

export function filterNeighbors(rows: NeighborView[], f: NeighborFilter): NeighborView[] {
  return rows.filter((n) => (f.iface === "" || n.interface === f.iface) && (f.state === "" || n.state === f.state));
}

export function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}
