import type { LinkState, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { positiveInt } from "@/lib/collect/common/interface";
import { splitLines } from "@/lib/collect/common/lines";
import { speedWithUnit } from "@/lib/collect/common/speed";
import { readKnownTable } from "@/lib/collect/common/table";

/*
 * dladm's datalink views. Captures are sometimes indented (copied from docs); columns are found
 * by their titles. "--" means "none". The collector takes the MTU from show-link, which has it
 * for every link; show-linkprop -p mtu (parsed below for `npm run parse`) is not run.
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

/** VNICs: the link they sit on, speed (Mbit/s), MAC (not zero-padded: "2:8:20:a6:87:71") and VLAN. */
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

/**
 * The MTU property of every link: the value, its default and the range the driver accepts
 * ("1500-9000"; a single number when it cannot change). The collector does not run it: the MTU
 * in use is show-link's MTU column already, and the default and range have no snapshot field
 * and no finding that reads them. A value too long for its column can wrap onto a line of its
 * own ("1500-163", then "62" in the SmartOS docs' capture); that line continues the row above.
 */
export const SHOW_LINKPROP_MTU_COMMAND = "dladm show-linkprop -p mtu";
export type LinkMtuRow = {
  link: string;
  /** "rw" where the MTU can be set. */
  perm: string | null;
  mtuBytes: number | null;
  defaultMtuBytes: number | null;
  /** As printed, wrapped lines joined: "1500-16362", "576-9000", "1500". */
  possible: string | null;
  /** The largest MTU the link accepts: the top of `possible`. */
  maxMtuBytes: number | null;
};

const number = (text: string | undefined) => (/^\d+$/.test(text ?? "") ? Number(text) : null);

export function parseShowLinkpropMtu(stdout: string): ParseResult<LinkMtuRow[]> {
  // EFFECTIVE is a column some releases add between VALUE and DEFAULT; known so it is not merged into another.
  const table = readKnownTable(splitLines(stdout), ["LINK", "PROPERTY", "PERM", "VALUE", "EFFECTIVE", "DEFAULT", "POSSIBLE"], ["LINK", "PROPERTY", "VALUE"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const rows: { line: string; cells: Map<string, string> }[] = [];
  for (const { line, cells } of table.rows) {
    const previous = rows.at(-1);
    if (previous && /^\S+$/.test(line.trim()) && cells.get("PROPERTY") === "") {
      previous.cells.set("POSSIBLE", `${previous.cells.get("POSSIBLE") ?? ""}${line.trim()}`);
      continue;
    }
    rows.push({ line, cells: new Map(cells) });
  }
  const value: LinkMtuRow[] = [];
  for (const { line, cells } of rows) {
    const link = cells.get("LINK") ?? "";
    if (!/^\S+$/.test(link) || cells.get("PROPERTY") !== "mtu") {
      skipped.push({ line, reason: "expected LINK mtu PERM VALUE DEFAULT POSSIBLE" });
      continue;
    }
    const possible = none(cells.get("POSSIBLE"));
    // A loop, not Math.max(...bounds): spreading 200,000 numbers overflows the stack (RangeError).
    const bounds = (possible ?? "").match(/\d+/g)?.map(Number) ?? [];
    const maxMtuBytes = bounds.reduce<number | null>((max, n) => (max === null || n > max ? n : max), null);
    value.push({
      link,
      perm: none(cells.get("PERM")),
      mtuBytes: number(cells.get("VALUE")),
      defaultMtuBytes: number(cells.get("DEFAULT")),
      possible,
      maxMtuBytes,
    });
  }
  return { value, skipped };
}
