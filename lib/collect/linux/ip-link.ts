import { z } from "zod";
import type { InterfaceRow, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { counter, notACounter, parseJsonArray } from "./json";
import { linkState } from "./link-state";

export const IP_LINK_COMMAND = "ip -j -s -d link show";

/** An interface as the link commands see it: no addresses, speed, driver or link modes yet. */
export type LinkRow = Omit<InterfaceRow, "addresses" | "speedMbps" | "duplex" | "driver" | "linkModes" | "permanentMac"> & {
  ifindex: number | null;
  /** Bridge or bond this interface is enslaved to. */
  master: string | null;
  /**
   * iproute2's "permaddr" (kernel IFLA_PERM_ADDRESS; both Linux and iproute2 5.6, Michal
   * Kubecek's patches of Dec 2019), printed with or without -d, in `ip link` and `ip addr` alike.
   * It is printed only where it differs from the current address (a bond slave, a MAC set by
   * `ip link set address`, a randomized Wi-Fi MAC), so null also means "the same as mac", or an
   * older kernel or iproute2.
   */
  permanentMac: string | null;
};

const direction = z.object({
  bytes: counter.optional(),
  packets: counter.optional(),
  errors: counter.optional(),
  dropped: counter.optional(),
});
const stats = z.object({ rx: direction, tx: direction });

const link = z.object({
  ifindex: z.number().int().optional(),
  ifname: z.string().min(1),
  flags: z.array(z.string()).optional(),
  mtu: z.number().int().positive().optional(),
  operstate: z.string().optional(),
  master: z.string().optional(),
  link_type: z.string().optional(),
  address: z.string().optional(),
  permaddr: z.string().optional(),
  linkinfo: z.object({ info_kind: z.string().optional() }).optional(),
  stats64: stats.optional(),
  // iproute2 4.13-4.14 printed the 64-bit block under this misspelled key.
  stats644: stats.optional(),
  stats: stats.optional(),
});

type Link = z.infer<typeof link>;

function toRow(entry: Link, skipped: SkippedLine[]): LinkRow {
  const counters = entry.stats64 ?? entry.stats644 ?? entry.stats;
  const read = (way: "rx" | "tx", field: "bytes" | "packets" | "errors" | "dropped") =>
    notACounter(counters?.[way][field], `${entry.ifname} ${way}.${field}`, skipped);
  return {
    name: entry.ifname,
    ifindex: entry.ifindex ?? null,
    kind: entry.linkinfo?.info_kind ?? entry.link_type ?? null,
    mac: entry.address === undefined ? null : normalizeMac(entry.address),
    permanentMac: entry.permaddr === undefined ? null : normalizeMac(entry.permaddr),
    mtu: entry.mtu ?? null,
    state: linkState(entry.operstate, entry.flags),
    master: entry.master ?? null,
    rxBytes: read("rx", "bytes"),
    txBytes: read("tx", "bytes"),
    rxPackets: read("rx", "packets"),
    txPackets: read("tx", "packets"),
    rxErrors: read("rx", "errors"),
    txErrors: read("tx", "errors"),
    rxDropped: read("rx", "dropped"),
    txDropped: read("tx", "dropped"),
  };
}

export function parse(stdout: string): ParseResult<LinkRow[]> {
  const { items, skipped } = parseJsonArray(stdout, link);
  return { value: items.map((item) => toRow(item, skipped)), skipped };
}
