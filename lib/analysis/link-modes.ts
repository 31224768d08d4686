// What the NIC's own ethtool lists say about its link: the fastest mode both ends advertise,
// and whether full duplex was on offer. Pure.
import type { LinkModes } from "@/lib/domain/rows";

export type Mode = { speedMbps: number; duplex: "full" | "half"; text: string };

/** "2500baseT/Full" -> 2500 Mbit/s full; anything else (e.g. "Not reported", FEC lines) -> null. */
export function parseMode(text: string): Mode | null {
  const m = /^(\d{1,7})base[A-Za-z0-9_-]{0,24}\/(Full|Half)$/.exec(text);
  if (!m) return null;
  return { speedMbps: Number(m[1]), duplex: m[2] === "Full" ? "full" : "half", text };
}

const modes = (list: string[]) => list.map(parseMode).filter((m): m is Mode => m !== null);
const key = (m: Mode) => `${m.speedMbps}/${m.duplex}`;

export type LinkOffer = {
  /** The fastest mode both ends advertise (full duplex before half at one speed); null when nothing in common. */
  bestCommon: Mode | null;
  /** The fastest mode this NIC advertises. */
  bestOwn: Mode | null;
  /** The fastest mode the partner advertises. */
  bestPartner: Mode | null;
  /** Both ends advertise full duplex at some speed. */
  fullOnBoth: boolean;
};

const faster = (a: Mode, b: Mode) => b.speedMbps - a.speedMbps || (a.duplex === b.duplex ? 0 : a.duplex === "full" ? -1 : 1);

/** null when the partner's list is unknown or either list is empty: nothing to compare. */
export function linkOffer(m: LinkModes | null | undefined): LinkOffer | null {
  if (!m || m.partner === null) return null;
  const own = modes(m.advertised);
  const partner = modes(m.partner);
  if (own.length === 0 || partner.length === 0) return null;
  const theirs = new Set(partner.map(key));
  const common = own.filter((x) => theirs.has(key(x))).sort(faster);
  return {
    bestCommon: common[0] ?? null,
    bestOwn: [...own].sort(faster)[0] ?? null,
    bestPartner: [...partner].sort(faster)[0] ?? null,
    fullOnBoth: common.some((x) => x.duplex === "full"),
  };
}
