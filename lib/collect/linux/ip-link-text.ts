import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { readCounter } from "@/lib/collect/common/interface";
import type { LinkRow } from "./ip-link";
import { linkState } from "./link-state";
import { parseLinkHeader, positiveInt } from "./text-header";

/** Fallback for iproute2 without `-j` (older than 4.13). */
export const IP_LINK_TEXT_COMMAND = "ip -s -d link show";

// With -d, a device that has a driver kind prints it as the first word of the line after
// link/...; these words also start detail lines but are never a kind.
const NOT_KINDS = new Set(["altname", "alias", "vf", "addrgenmode", "link-netnsid", "prop"]);
// The column names are the trimmed rest: /^\s+(RX|TX):\s+(.+?)\s*$/ overlapped (quadratic).
const STATS_HEADER = /^\s+(RX|TX):\s/;

type Block = { row: LinkRow; kindPending: boolean; stats: "RX" | "TX" | null; columns: string[] };

function readStats(block: Block, line: string, skipped: SkippedLine[]): void {
  const values = line.trim().split(/\s+/);
  const direction = block.stats === "RX" ? "rx" : "tx";
  block.stats = null;
  if (!values.every((value) => /^\d+$/.test(value))) {
    skipped.push({ line, reason: "counters are not plain integers" });
    return;
  }
  // Digits past 2^64-1 are reported and left unknown, not read into a BigInt of any size.
  const at = (column: string): bigint | null => readCounter(values[block.columns.indexOf(column)], `${direction} ${column}`, line, skipped);
  // Column headers moved ("RX: bytes  packets  errors" before iproute2 5.x) but kept names.
  const row = block.row;
  if (direction === "rx") {
    [row.rxBytes, row.rxPackets, row.rxErrors, row.rxDropped] = [at("bytes"), at("packets"), at("errors"), at("dropped")];
  } else {
    [row.txBytes, row.txPackets, row.txErrors, row.txDropped] = [at("bytes"), at("packets"), at("errors"), at("dropped")];
  }
}

function readDetail(block: Block, line: string): void {
  const words = line.trim().split(/\s+/);
  const first = words[0] ?? "";
  if (first.startsWith("link/")) {
    block.kindPending = true;
    block.row.kind = first.slice("link/".length) || null;
    block.row.mac = words[1] === undefined ? null : normalizeMac(words[1]);
    // "link/ether <mac> brd <brd> permaddr <mac> [promiscuity …]": printed only when it differs.
    const at = words.indexOf("permaddr", 2);
    const permanent = at === -1 ? undefined : words[at + 1];
    block.row.permanentMac = permanent === undefined ? null : normalizeMac(permanent);
    return;
  }
  const header = STATS_HEADER.exec(line);
  if (header) {
    block.stats = header[1] === "RX" ? "RX" : "TX";
    block.columns = line.slice(header[0].length).trim().split(/\s+/);
    return;
  }
  if (block.kindPending && /^[a-z][a-z0-9_]*$/.test(first) && !first.endsWith("_slave") && !NOT_KINDS.has(first)) {
    block.row.kind = first;
    block.kindPending = false;
  }
}

export function parse(stdout: string): ParseResult<LinkRow[]> {
  const value: LinkRow[] = [];
  const skipped: SkippedLine[] = [];
  let block: Block | null = null;

  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const header = parseLinkHeader(line);
    if (header) {
      const row: LinkRow = {
        name: header.name,
        ifindex: header.ifindex,
        kind: null,
        mac: null,
        permanentMac: null,
        mtu: positiveInt(header.attrs.get("mtu")),
        state: linkState(header.attrs.get("state"), header.flags),
        master: header.attrs.get("master") ?? null,
        rxBytes: null, txBytes: null, rxPackets: null, txPackets: null,
        rxErrors: null, txErrors: null, rxDropped: null, txDropped: null,
      };
      value.push(row);
      block = { row, kindPending: false, stats: null, columns: [] };
    } else if (!block || !/^\s/.test(line)) {
      skipped.push({ line, reason: "not part of an interface block" });
    } else if (block.stats) {
      readStats(block, line, skipped);
    } else {
      readDetail(block, line);
    }
  }
  return { value, skipped };
}
