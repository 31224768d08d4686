import type { LinkState, ParseResult, SkippedLine } from "@/lib/collect/types";
import { normalizeMac } from "@/lib/collect/normalize";
import { positiveInt } from "@/lib/collect/common/interface";
import { splitLines } from "@/lib/collect/common/lines";
import { speedWithUnit } from "@/lib/collect/common/speed";
import { readKnownTable } from "@/lib/collect/common/table";

/*
 * dladm's datalink views. Captures are sometimes indented (copied from docs); columns are found
 * by their titles. "--" means "none". MTU comes from show-link, which has it for every link
 * (show-linkprop -p mtu is not run: it says the same and can wrap a value onto a second line).
 */

const none = (text: string | undefined) => (text === undefined || text === "" || text === "--" ? null : text);
const linkState = (text: string | undefined): LinkState => (text === "up" ? "up" : text === "down" ? "down" : "unknown");

/** Every datalink with its class (phys, vnic, aggr, etherstub, bridge, xde …), MTU and state. */
export const SHOW_LINK_COMMAND = "dladm show-link";
export type LinkRow = { link: string; class: string | null; mtu: number | null; state: LinkState; over: string | null };

export function parseShowLink(stdout: string): ParseResult<LinkRow[]> {
  const table = readKnownTable(splitLines(stdout), ["LINK", "CLASS", "MTU", "STATE", "BRIDGE", "OVER"], ["LINK", "CLASS", "MTU", "STATE"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: LinkRow[] = [];
  for (const { line, cells } of table.rows) {
    const link = cells.get("LINK") ?? "";
    if (!/^\S+$/.test(link) || !/^\d+$/.test(cells.get("MTU") ?? "")) {
      skipped.push({ line, reason: "expected LINK CLASS MTU STATE" });
      continue;
    }
    value.push({ link, class: none(cells.get("CLASS")), mtu: positiveInt(cells.get("MTU")), state: linkState(cells.get("STATE")), over: none(cells.get("OVER")) });
  }
  return { value, skipped };
}

/** Factory MAC of each physical link (the "primary" slot). */
export const SHOW_PHYS_M_COMMAND = "dladm show-phys -m";
export type PhysMacRow = { link: string; mac: string };

export function parseShowPhysM(stdout: string): ParseResult<PhysMacRow[]> {
  const table = readKnownTable(splitLines(stdout), ["LINK", "SLOT", "ADDRESS", "INUSE", "CLIENT"], ["LINK", "SLOT", "ADDRESS"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: PhysMacRow[] = [];
  for (const { line, cells } of table.rows) {
    const link = cells.get("LINK") ?? "";
    const mac = normalizeMac(cells.get("ADDRESS") ?? "");
    if (!/^\S+$/.test(link) || mac === null) {
      skipped.push({ line, reason: "expected LINK SLOT ADDRESS" });
      continue;
    }
    // Extra slots (factory MACs reserved for VNICs) are not the link's own address.
    if (cells.get("SLOT") === "primary") value.push({ link, mac });
  }
  return { value, skipped };
}

/** VNICs: the link they sit on, speed (Mb/s), MAC (not zero-padded: "2:8:20:a6:87:71") and VLAN. */
export const SHOW_VNIC_COMMAND = "dladm show-vnic";
export type VnicRow = { link: string; over: string | null; speedMbps: number | null; mac: string | null; vlanId: number | null; zone: string | null };

export function parseShowVnic(stdout: string): ParseResult<VnicRow[]> {
  const table = readKnownTable(splitLines(stdout), ["LINK", "OVER", "SPEED", "MACADDRESS", "MACADDRTYPE", "VID", "ZONE"], ["LINK", "OVER", "MACADDRESS"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: VnicRow[] = [];
  for (const { line, cells } of table.rows) {
    const link = cells.get("LINK") ?? "";
    const mac = normalizeMac(cells.get("MACADDRESS") ?? "");
    if (!/^\S+$/.test(link) || mac === null) {
      skipped.push({ line, reason: "expected LINK OVER SPEED MACADDRESS" });
      continue;
    }
    const vid = cells.get("VID") ?? "";
    value.push({
      link,
      over: none(cells.get("OVER")),
      speedMbps: positiveInt(cells.get("SPEED")),
      mac,
      vlanId: /^\d+$/.test(vid) && vid !== "0" ? Number(vid) : null,
      zone: none(cells.get("ZONE")),
    });
  }
  return { value, skipped };
}

/** Negotiated speed and duplex of Ethernet links: "1G-f", "100M-h", "0G" (no link). */
export const SHOW_ETHER_COMMAND = "dladm show-ether";
export type EtherRow = { link: string; state: LinkState; speedMbps: number | null; duplex: "full" | "half" | null };

export function parseShowEther(stdout: string): ParseResult<EtherRow[]> {
  const table = readKnownTable(splitLines(stdout), ["LINK", "PTYPE", "STATE", "AUTO", "SPEED-DUPLEX", "PAUSE"], ["LINK", "STATE", "SPEED-DUPLEX"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: EtherRow[] = [];
  for (const { line, cells } of table.rows) {
    const link = cells.get("LINK") ?? "";
    const m = /^(\d+(?:\.\d+)?[KMGT])(?:-([fh]))?$/i.exec(cells.get("SPEED-DUPLEX") ?? "");
    if (!/^\S+$/.test(link) || !m) {
      skipped.push({ line, reason: "expected LINK PTYPE STATE AUTO SPEED-DUPLEX" });
      continue;
    }
    const speedMbps = speedWithUnit(m[1] ?? "");
    value.push({
      link,
      state: linkState(cells.get("STATE")),
      speedMbps,
      duplex: speedMbps === null ? null : m[2] === "f" ? "full" : m[2] === "h" ? "half" : null,
    });
  }
  return { value, skipped };
}
