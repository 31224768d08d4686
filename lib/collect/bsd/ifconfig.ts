import { isIP } from "node:net";
import type { InterfaceRow, LinkState, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { InterfaceTable, positiveInt } from "@/lib/collect/common/interface";
import { splitLines } from "@/lib/collect/common/lines";
import { prefixFromNetmask } from "@/lib/collect/common/netmask";
import { withoutZone } from "@/lib/collect/common/neighbor";
import { speedFromMedia } from "@/lib/collect/common/speed";

/**
 * Every interface with flags, MTU, MAC, addresses, media and status. The same shape on FreeBSD,
 * macOS and illumos:
 *   ix0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 9000
 *           ether 00:1b:21:8b:f8:2c
 *           inet 10.10.2.101/24 broadcast 10.10.2.255          (FreeBSD 13+: CIDR)
 *           inet 23.246.26.130 netmask 0xffffff80 broadcast …  (FreeBSD 12, macOS: hex mask)
 *           inet 192.168.56.112 netmask ffffff00 broadcast …   (illumos: hex without 0x)
 *           inet6 fe80::1%lo0 prefixlen 64 scopeid 0x1
 *           media: Ethernet autoselect (10Gbase-SR <full-duplex,rxpause,txpause>)
 *           status: active
 * FreeBSD adds "hwaddr <MAC>", the NIC's own address, under "ether" when the two differ: a MAC
 * set by the admin or by a jail manager on an epair (jailerctl: ether 58:9c:fc:1d:e9:90, hwaddr
 * 02:02:f1:34:28:0b). FreeBSD 11 printed it even when equal. It becomes permanentMac; `mac` stays
 * the ether address, the one on the wire. No hwaddr line says nothing (equal, or no hardware
 * address at all), so the row then has no permanentMac.
 * illumos lists an interface once per address family (lo0 twice) and its logical interfaces as
 * "e1000g0:1"; both are merged into one row. Attribute lines netdiag does not use (options,
 * nd6, plugged, vendor, lane …) are ignored, not reported as skipped.
 */
export const IFCONFIG_COMMAND = "ifconfig -a";

const HEADER = /^(\S+?):\s+flags=[0-9a-f]+<([^>]*)>(.*)$/i;
const ZERO_MAC = "00:00:00:00:00:00";

type Pending = { flags: Set<string>; status: string | null; media: string | null; kind: string | null };

function inetAddress(words: string[]): string | null {
  const [, ip = ""] = words;
  if (ip.includes("/")) {
    const [address = "", prefix = ""] = ip.split("/");
    return isIP(address) === 4 && /^\d{1,2}$/.test(prefix) ? `${address}/${prefix}` : null;
  }
  const maskAt = words.indexOf("netmask");
  const prefix = maskAt > 0 ? prefixFromNetmask(words[maskAt + 1] ?? "") : null;
  return isIP(ip) === 4 && prefix !== null ? `${ip}/${prefix}` : null;
}

function inet6Address(words: string[]): string | null {
  const [, raw = ""] = words;
  const [ip = "", inlinePrefix] = raw.split("/");
  const address = withoutZone(ip);
  const at = words.indexOf("prefixlen");
  const prefix = inlinePrefix ?? (at > 0 ? words[at + 1] : undefined);
  return isIP(address) === 6 && prefix !== undefined && /^\d{1,3}$/.test(prefix) ? `${address}/${prefix}` : null;
}

/**
 * "autoselect (1000baseT <full-duplex>)": the part in parentheses is what was negotiated; a bare
 * "autoselect <full-duplex>" (macOS, no link) says nothing; a fixed "Ethernet 100GBase-SR4
 * <full-duplex>" is what the port runs at.
 */
function negotiated(media: string): string {
  // indexOf, not /\(([^)]*)\)/: from every "(" of "((((…" the regex scanned to the end (quadratic).
  const open = media.indexOf("(");
  const close = open < 0 ? -1 : media.indexOf(")", open + 1);
  if (close >= 0) return media.slice(open + 1, close);
  return /^(Ethernet\s+)?autoselect\b/i.test(media) ? "" : media;
}

function stateOf(p: Pending): LinkState {
  if (p.status !== null) return /^active$/i.test(p.status) ? "up" : /no carrier|inactive|down/i.test(p.status) ? "down" : "unknown";
  if (!p.flags.has("UP")) return "down";
  return p.flags.has("RUNNING") ? "up" : "unknown";
}

function kindOf(name: string, p: Pending, mac: string | null): string | null {
  if (p.flags.has("LOOPBACK")) return "loopback";
  if (p.kind) return p.kind;
  if (/^bridge\d/.test(name)) return "bridge";
  if (p.flags.has("POINTOPOINT")) return "tun";
  return mac !== null ? "ether" : null;
}

export function parse(stdout: string): ParseResult<InterfaceRow[]> {
  const table = new InterfaceTable();
  const pending = new Map<string, Pending>();
  const skipped: SkippedLine[] = [];
  let current: string | null = null;

  for (const line of splitLines(stdout)) {
    const text = line.trim();
    if (text === "") continue;
    const header = HEADER.exec(text);
    if (header) {
      // "e1000g0:1" (illumos logical interface) belongs to e1000g0
      current = (header[1] ?? "").split(":")[0] ?? "";
      const row = table.get(current);
      const p = pending.get(current) ?? { flags: new Set<string>(), status: null, media: null, kind: null };
      for (const flag of (header[2] ?? "").split(",")) if (flag) p.flags.add(flag.toUpperCase());
      pending.set(current, p);
      const mtu = /\bmtu\s*(\d+)/.exec(header[3] ?? "");
      const mtuBytes = positiveInt(mtu?.[1]);
      if (row.mtu === null && mtuBytes !== null) row.mtu = mtuBytes;
      continue;
    }
    if (current === null || !/^\s/.test(line)) {
      skipped.push({ line, reason: current === null ? "before the first interface" : "expected 'name: flags=…' or an indented attribute" });
      continue;
    }
    const row = table.get(current);
    const p = pending.get(current);
    const words = text.split(/\s+/);
    const key = words[0] ?? "";
    if (key === "ether" || key === "lladdr" || key === "address:") {
      row.mac ??= normalizeMac(words[1] ?? "");
    } else if (key === "hwaddr") {
      const hwaddr = normalizeMac(words[1] ?? "");
      if (hwaddr === null) skipped.push({ line, reason: "expected 'hwaddr <MAC>'" });
      // A lagg has no address of its own and says so with zeros (FreeBSD 15, lagg0 LACP capture).
      else row.permanentMac = hwaddr === ZERO_MAC ? null : hwaddr;
    } else if (key === "inet") {
      const address = inetAddress(words);
      if (address) table.addAddress(current, address);
    } else if (key === "inet6") {
      const address = inet6Address(words);
      if (address) table.addAddress(current, address);
    } else if (key === "media:" && p) {
      p.media = text.slice("media:".length).trim();
    } else if (key === "status:" && p) {
      p.status = text.slice("status:".length).trim();
    } else if ((key === "vlan:" || key === "laggproto") && p) {
      p.kind = key === "vlan:" ? "vlan" : "bond";
    } else if (key === "member:" && p) {
      p.kind ??= "bridge";
    }
  }

  const value = table.list().map((row) => {
    const p = pending.get(row.name) ?? { flags: new Set<string>(), status: null, media: null, kind: null };
    const state = stateOf(p);
    const active = state === "down" ? "" : negotiated(p.media ?? "");
    return {
      ...row,
      kind: kindOf(row.name, p, row.mac),
      state,
      speedMbps: speedFromMedia(active),
      duplex: /full-duplex/.test(active) ? ("full" as const) : /half-duplex/.test(active) ? ("half" as const) : null,
    };
  });
  return { value, skipped };
}
