import { isIP } from "node:net";
import type { NeighborRow, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { neighborState } from "./neighbor-state";

/** Fallback for iproute2 without `-j`. */
export const IP_NEIGH_TEXT_COMMAND = "ip neigh show";

// Words followed by a value that is not needed: `-s` adds "ref 1 used 0/0/0 probes 4";
// newer versions add "protocol <name>".
const WITH_VALUE = new Set(["ref", "used", "probes", "protocol", "vni", "nhid"]);

/*
 * "<ip> [dev <if>] [lladdr <mac>] [router] [proxy|extern_learn|...] [ref..] STATE..."
 * FAILED/INCOMPLETE rows have no lladdr (older versions leave a double space there), and
 * `dev` is left out when the listing is filtered by device.
 */
function parseLine(line: string): NeighborRow | null {
  const words = line.trim().split(/\s+/);
  const ip = words[0];
  if (ip === undefined || isIP(ip) === 0) return null;
  const row: NeighborRow = { ip, mac: null, interface: null, state: "unknown", router: false };
  const states: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? "";
    if (word === "dev" || word === "lladdr") {
      const next = words[++i];
      if (next === undefined) return null;
      if (word === "dev") row.interface = next;
      else row.mac = normalizeMac(next);
    } else if (word === "router") {
      row.router = true;
    } else if (WITH_VALUE.has(word)) {
      i++;
    } else if (/^[A-Z_]+$/.test(word)) {
      states.push(word);
    }
    // other lower-case words are flags without meaning here (proxy, extern_learn, offload)
  }
  row.state = neighborState(states);
  return row;
}

export function parse(stdout: string): ParseResult<NeighborRow[]> {
  const value: NeighborRow[] = [];
  const skipped: SkippedLine[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const row = parseLine(line);
    if (row) value.push(row);
    else skipped.push({ line, reason: "not a neighbor entry" });
  }
  return { value, skipped };
}
