import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import type { AddressMap } from "./ip-addr";
import { parseLinkHeader } from "./text-header";

/** Fallback for iproute2 without `-j`. */
export const IP_ADDR_TEXT_COMMAND = "ip addr show";

// "inet 10.0.0.5/24 brd ...", "inet6 fe80::1/64 scope link", and point-to-point
// "inet 10.0.0.1 peer 10.0.0.2/32" where the prefix length sits on the peer.
const ADDRESS = /^\s+inet6?\s+([0-9a-fA-F.:]+)(\/\d+)?(?:\s+peer\s+\S+?(\/\d+)?(?=\s|$))?/;

export function parse(stdout: string): ParseResult<AddressMap> {
  const value: AddressMap = new Map();
  const skipped: SkippedLine[] = [];
  let current: string[] | null = null;

  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const header = parseLinkHeader(line);
    if (header) {
      current = value.get(header.name) ?? [];
      value.set(header.name, current);
      continue;
    }
    if (!/^\s/.test(line) || !current) {
      skipped.push({ line, reason: "not part of an interface block" });
      continue;
    }
    if (!/^\s+inet6?\s/.test(line)) continue; // link/, valid_lft, altname lines
    const match = ADDRESS.exec(line);
    if (!match?.[1]) {
      skipped.push({ line, reason: "unrecognized address line" });
      continue;
    }
    current.push(`${match[1]}${match[2] ?? match[3] ?? ""}`);
  }
  return { value, skipped };
}
